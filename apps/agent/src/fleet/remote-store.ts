import path from 'node:path';
import type { EffectiveConfig, RemoteLayer } from '@spinel/core';
import type { Logger } from '@spinel/sdk';
import { readStateFile, writeStateFile } from './state-file.js';

/** The last remote config this agent applied, as kept in `<state_dir>/remote-config.json`. */
export interface SavedRemoteConfig {
  /** The server's config_hash, hex. */
  hash: string;
  /** The YAML it offered. */
  text: string;
  endpoint: string;
  /** Unix ms. */
  applied_at: number;
}

export const REMOTE_CONFIG_FILE = 'remote-config.json';

/** Kept only once applied; mode 0600, since a config may hold a handler's credentials. */
export class RemoteConfigStore {
  readonly file: string;

  constructor(
    stateDir: string,
    private readonly log: Logger,
  ) {
    this.file = path.join(stateDir, REMOTE_CONFIG_FILE);
  }

  load(): SavedRemoteConfig | undefined {
    const read = readStateFile(this.file);
    if (read.problem) this.log.warn(`remote config: ${read.problem}; starting from the local file alone`);
    const saved = read.value as Partial<SavedRemoteConfig> | undefined;
    if (saved === undefined || read.problem) return undefined;
    if (typeof saved.hash !== 'string' || typeof saved.text !== 'string') {
      this.log.warn(`remote config: ${this.file} lacks hash or text; starting from the local file alone`);
      return undefined;
    }
    return { hash: saved.hash, text: saved.text, endpoint: String(saved.endpoint ?? ''), applied_at: Number(saved.applied_at ?? 0) };
  }

  save(saved: SavedRemoteConfig): void {
    writeStateFile(this.file, `${JSON.stringify(saved, null, 2)}\n`, 0o600);
  }
}

/** How errors name a remote config: its hash's first bytes and the server it came from. */
export function remoteLayer(hash: string, text: string, endpoint: string): RemoteLayer {
  return { label: `remote config ${hash.slice(0, 12)} from ${endpoint}`, text };
}

/** The saved remote config, as the layer the agent starts with (when the local file still takes remote configs). */
export function savedRemoteLayer(config: EffectiveConfig, log: Logger): { layer?: RemoteLayer; saved?: SavedRemoteConfig } {
  const { opamp } = config;
  const stateDir = config.agent.state_dir;
  if (!opamp.endpoint || !opamp.remote_config || !stateDir) return {};
  const saved = new RemoteConfigStore(stateDir, log).load();
  return saved ? { layer: remoteLayer(saved.hash, saved.text, saved.endpoint || opamp.endpoint), saved } : {};
}
