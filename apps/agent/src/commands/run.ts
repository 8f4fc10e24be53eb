import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { agentHostname, createAgent, createLogger } from '@spinel/core';
import { configSource, loadEffectiveConfig } from '../config-source.js';
import { EXIT } from '../errors.js';
import type { Output } from '../output.js';
import { agentVersion } from '../version.js';

/** `spinel run`: the agent, until SIGINT or SIGTERM, then a final flush within the deadline. */
export async function runCommand(argv: string[], _io: Output): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' } } });
  const source = configSource(values.config);
  const config = await loadEffectiveConfig(source);
  const hostname = await agentHostname(config.agent);
  const about = { version: agentVersion(), configFile: source.label, configSha256: createHash('sha256').update(source.text).digest('hex') };
  const agent = createAgent({ config, hostname, about });
  const log = createLogger({ level: 'info', scope: 'agent' });
  await agent.start();
  return new Promise<number>((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (signalled) {
        log.warn(`second ${signal}; exiting without waiting for the flush`);
        process.exit(EXIT.failure);
      }
      signalled = true;
      log.info(`${signal} received; flushing handlers (up to ${config.agent.shutdown_timeout}s)`);
      const force = setTimeout(() => {
        log.error('shutdown deadline passed; exiting');
        process.exit(EXIT.failure);
      }, (config.agent.shutdown_timeout + 2) * 1000);
      force.unref();
      void agent.stop().then(() => resolve(EXIT.ok));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
