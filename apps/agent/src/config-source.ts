import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, PluginIntrospector, readConfigFile, type ConfigSource, type EffectiveConfig, type RemoteLayer } from '@spinel/core';
import { DEFAULT_CONFIG_LABEL, DEFAULT_CONFIG_YAML } from './default-config.js';

/** The agent package's folder: built-in plugins resolve from its dependencies. */
export const AGENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The file given with --config, else SPINEL_CONFIG (the agent image's way), else the embedded default. */
export function configSource(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): ConfigSource {
  const file = flag ?? (env.SPINEL_CONFIG || undefined);
  if (file === undefined) return { label: DEFAULT_CONFIG_LABEL, text: DEFAULT_CONFIG_YAML, baseDir: process.cwd() };
  return readConfigFile(file);
}

/**
 * Loads and validates a config, looking up plugins next to it, then in cwd, then beside the
 * agent; `remote`: a remote config (OpAMP) merged over it within its agent.opamp bounds.
 */
export async function loadEffectiveConfig(source: ConfigSource, env: NodeJS.ProcessEnv = process.env, remote?: RemoteLayer): Promise<EffectiveConfig> {
  const introspector = new PluginIntrospector();
  try {
    return await loadConfig(source, { introspector, searchDirs: [process.cwd(), AGENT_DIR], env, remote });
  } finally {
    await introspector.close();
  }
}
