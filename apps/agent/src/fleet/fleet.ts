import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configSecrets, MAX_CONFIG_BYTES, type StatusBoard } from '@spinel/core';
import { OpampClient, RemoteConfigStatuses, type RemoteConfigOffer, type RemoteConfigStatus } from '@spinel/opamp';
import { createScrubber, type Logger } from '@spinel/sdk';
import type { ConfigApplier } from '../config-applier.js';
import { loadInstanceId, storeInstanceId, uuidText } from './instance-id.js';
import { RemoteConfigStore, remoteLayer, type SavedRemoteConfig } from './remote-store.js';
import { agentDescription, agentHealth, effectiveConfigMap } from './report.js';

/** The one YAML file of an offer: the map's only entry, else the one named "" or spinel.yaml. */
function offeredText(offer: RemoteConfigOffer): string {
  const files = Object.entries(offer.config.config_map ?? {});
  const file = files.length === 1 ? files[0]?.[1] : (offer.config.config_map[''] ?? offer.config.config_map['spinel.yaml']);
  if (!file)
    throw new Error(`expected one config file in the offer (key "" or spinel.yaml), found ${files.map(([k]) => JSON.stringify(k)).join(', ') || 'none'}`);
  if (file.body.length > MAX_CONFIG_BYTES) throw new Error(`expected a config of at most ${MAX_CONFIG_BYTES} bytes, found ${file.body.length}`);
  return new TextDecoder('utf-8', { fatal: true }).decode(file.body);
}

export interface FleetInputs {
  applier: ConfigApplier;
  board: StatusBoard;
  hostname: string | undefined;
  version: string;
  log: Logger;
  /** The remote config the agent started with, and whether it still applied. */
  started: { saved?: SavedRemoteConfig | undefined; failure?: string | undefined };
}

/**
 * The agent's side of OpAMP: the client polls the server with the agent's description, health
 * and effective config; an offered config is applied through the same path as a reload, kept in
 * the state directory once applied, and answered APPLIED or FAILED with the reload's message.
 */
export function startFleet(inputs: FleetInputs): OpampClient | undefined {
  const { applier, log } = inputs;
  const config = applier.current;
  const { opamp } = config;
  const stateDir = config.agent.state_dir;
  if (!opamp.endpoint || !stateDir) return undefined;
  const store = new RemoteConfigStore(stateDir, log);
  const startedAt = Date.now();
  const pem = (file: string | undefined): string | undefined => (file === undefined ? undefined : readFileSync(path.resolve(config.baseDir, file), 'utf8'));
  let scrub = createScrubber(configSecrets(config));
  const { saved, failure } = inputs.started;
  const instanceUid = loadInstanceId(stateDir, log);
  const status = (hash: string, ok: boolean, message?: string): RemoteConfigStatus => ({
    last_remote_config_hash: new Uint8Array(Buffer.from(hash, 'hex')),
    status: ok ? RemoteConfigStatuses.APPLIED : RemoteConfigStatuses.FAILED,
    ...(message ? { error_message: scrub(message) } : {}),
  });
  const client: OpampClient = new OpampClient({
    endpoint: opamp.endpoint,
    headers: opamp.headers,
    timeoutMs: opamp.timeout * 1000,
    tls: { ca: pem(opamp.ca_file), cert: pem(opamp.cert_file), key: pem(opamp.key_file) },
    pollingIntervalMs: opamp.polling_interval * 1000,
    instanceUid,
    log,
    remoteConfigStatus: saved ? status(saved.hash, failure === undefined, failure) : undefined,
    report: () => ({
      description: agentDescription(instanceUid, inputs.version, inputs.hostname, applier.current),
      health: agentHealth(inputs.board, applier.current, startedAt, scrub),
      effectiveConfig: effectiveConfigMap(applier.current),
    }),
    onNewInstanceUid: (uid) => {
      storeInstanceId(stateDir, uid);
      log.info('the OpAMP server gave this agent a new instance id', { instance_id: uuidText(uid) });
    },
    ...(opamp.remote_config
      ? {
          applyRemoteConfig: async (offer: RemoteConfigOffer): Promise<RemoteConfigStatus> => {
            const hash = Buffer.from(offer.hash).toString('hex');
            let text: string;
            try {
              text = offeredText(offer);
            } catch (error) {
              return status(hash, false, `remote config ${hash.slice(0, 12)} refused: ${error instanceof Error ? error.message : String(error)}`);
            }
            const result = await applier.applyRemote(remoteLayer(hash, text, opamp.endpoint));
            if (!result.ok) return status(hash, false, result.message);
            store.save({ hash, text, endpoint: opamp.endpoint, applied_at: Date.now() });
            return status(hash, true);
          },
        }
      : {}),
  });
  const previous = applier.onApplied;
  applier.onApplied = (next) => {
    previous?.(next);
    scrub = createScrubber(configSecrets(next));
    client.reportNow();
  };
  client.start();
  log.info('reporting to the OpAMP server', { endpoint: opamp.endpoint, instance_id: uuidText(instanceUid), remote_config: opamp.remote_config });
  return client;
}
