import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { agentHostname, ConfigError, createAgent, createLogger, exposedSecretFiles, guarded, reportGuardedError, type Agent } from '@spinel/core';
import type { Logger } from '@spinel/sdk';
import { configSource, loadEffectiveConfig } from '../config-source.js';
import { EXIT } from '../errors.js';
import type { Output } from '../output.js';
import { withStatusAddress } from '../status-address.js';
import { agentVersion } from '../version.js';

/**
 * Re-reads the config file and applies it (SIGHUP, `spinel reload`, `POST /api/reload`). A config
 * that does not check is refused with the messages of `config check`; the running one stays.
 * One reload at a time: a second request while one runs is told so.
 */
function reloader(agent: Agent, file: string | undefined, statusAddress: string | undefined, log: Logger): () => Promise<{ ok: boolean; message: string }> {
  let busy = false;
  return async () => {
    if (busy) return { ok: false, message: 'a reload is already under way' };
    busy = true;
    try {
      const source = configSource(file);
      const next = withStatusAddress(await loadEffectiveConfig(source), statusAddress);
      const summary = await agent.reload(next);
      const message = `config reloaded from ${source.label}: ${summary}`;
      agent.board.reloaded(true, message);
      log.info(message);
      return { ok: true, message };
    } catch (error) {
      const reason = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
      const message = `reload refused, the running config stays:\n${reason}`;
      agent.board.reloaded(false, message);
      log.error(message);
      return { ok: false, message };
    } finally {
      busy = false;
    }
  };
}

/** `spinel run`: the agent, until SIGINT or SIGTERM, then a final flush within the deadline; SIGHUP reloads. */
export async function runCommand(argv: string[], _io: Output): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, 'status-address': { type: 'string' } } });
  const source = configSource(values.config);
  const config = withStatusAddress(await loadEffectiveConfig(source), values['status-address']);
  const hostname = await agentHostname(config.agent);
  const about = { version: agentVersion(), configFile: source.label, configSha256: createHash('sha256').update(source.text).digest('hex') };
  const agent = createAgent({ config, hostname, about });
  const log = createLogger({ level: 'info', scope: 'agent' });
  for (const warning of exposedSecretFiles(config)) log.warn(warning);
  await agent.start();
  const reload = reloader(agent, values.config, values['status-address'], log);
  if (agent.status) agent.status.reloader = reload;
  process.on(
    'SIGHUP',
    guarded('reload.signal', () => void reload()),
  );
  // The last resort for an error no guard caught (a library's event emitter, say): said once a
  // minute with its stack, and the agent goes on; every collector and handler is still running.
  process.on('uncaughtException', (error) => reportGuardedError('uncaught', error));
  process.on('unhandledRejection', (reason) => reportGuardedError('uncaught', reason));
  return new Promise<number>((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (signalled) {
        log.warn(`second ${signal}; exiting without waiting for the flush`);
        process.exit(EXIT.failure);
      }
      signalled = true;
      log.info(`${signal} received; flushing handlers (up to ${config.agent.shutdown_timeout}s)`);
      const force = setTimeout(
        () => {
          log.error('shutdown deadline passed; exiting');
          process.exit(EXIT.failure);
        },
        (config.agent.shutdown_timeout + 2) * 1000,
      );
      force.unref();
      void agent.stop().then(() => resolve(EXIT.ok));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
