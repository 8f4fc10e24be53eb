import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  agentHostname,
  createAgent,
  createLogger,
  exposedSecretFiles,
  guarded,
  reportGuardedError,
  type ConfigSource,
  type EffectiveConfig,
  type RemoteLayer,
} from '@spinel/core';
import type { Logger } from '@spinel/sdk';
import { ConfigApplier, type ApplyResult } from '../config-applier.js';
import { configSource, loadEffectiveConfig } from '../config-source.js';
import { EXIT } from '../errors.js';
import type { Output } from '../output.js';
import { withStatusAddress } from '../status-address.js';
import { agentVersion } from '../version.js';
import { savedRemoteLayer, type SavedRemoteConfig } from '../fleet/remote-store.js';

/**
 * The local file, with the remote config last applied over it when there is one (kept in the
 * state directory). A saved remote config that no longer checks against the local file (edited
 * since) is set aside for this run: the agent starts from the local file alone and tells the
 * server why.
 */
async function startingConfig(
  source: ConfigSource,
  statusAddress: string | undefined,
  log: Logger,
): Promise<{ config: EffectiveConfig; layer?: RemoteLayer | undefined; saved?: SavedRemoteConfig | undefined; failure?: string | undefined }> {
  const local = withStatusAddress(await loadEffectiveConfig(source), statusAddress);
  const { layer, saved } = savedRemoteLayer(local, log);
  if (!layer) return { config: local };
  try {
    return { config: withStatusAddress(await loadEffectiveConfig(source, process.env, layer), statusAddress), layer, saved };
  } catch (error) {
    const failure = `the saved ${layer.label} no longer checks with ${source.label}; running the local file alone:\n${error instanceof Error ? error.message : String(error)}`;
    log.error(failure);
    return { config: local, saved, failure };
  }
}

/** `spinel run`: the agent, until SIGINT or SIGTERM, then a final flush within the deadline; SIGHUP reloads. */
export async function runCommand(argv: string[], _io: Output): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, 'status-address': { type: 'string' } } });
  const source = configSource(values.config);
  const log = createLogger({ level: 'info', scope: 'agent' });
  const started = await startingConfig(source, values['status-address'], log);
  const { config } = started;
  const hostname = await agentHostname(config.agent);
  const about = { version: agentVersion(), configFile: source.label, configSha256: createHash('sha256').update(source.text).digest('hex') };
  const agent = createAgent({ config, hostname, about });
  for (const warning of exposedSecretFiles(config)) log.warn(warning);
  await agent.start();
  const applier = new ConfigApplier(agent, values.config, values['status-address'], log, config, started.layer);
  const reload = (): Promise<ApplyResult> => applier.reload();
  if (agent.status) agent.status.reloader = reload;
  // Loaded only when asked for: an agent with OpAMP measured 5.4 MB more (protobufjs, the parsed
  // .proto files, a connection pool; BENCHMARKS.md), which one without it never loads.
  const fleet = config.opamp.endpoint
    ? (await import('../fleet/fleet.js')).startFleet({ applier, board: agent.board, hostname, version: about.version, log, started })
    : undefined;
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
      void Promise.all([agent.stop(), fleet?.stop()]).then(() => resolve(EXIT.ok));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
