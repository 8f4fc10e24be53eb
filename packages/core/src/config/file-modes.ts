import { readFileSync, statSync } from 'node:fs';
import type { EffectiveConfig } from './resolve.js';
import { configSecrets } from './print.js';

/**
 * Config files every local user can read that hold one of the config's secrets (an API key, a
 * token, a password): each a line saying which file, its mode and what to do. The agent logs
 * them at start and `config check` prints them; neither refuses the file, as a config someone
 * deployed that way still has to run.
 */
export function exposedSecretFiles(config: EffectiveConfig): string[] {
  const secrets = configSecrets(config).filter((secret) => secret.length >= 4);
  if (secrets.length === 0) return [];
  const warnings: string[] = [];
  for (const file of config.files) {
    try {
      const mode = statSync(file).mode & 0o777;
      if ((mode & 0o004) === 0) continue;
      const text = readFileSync(file, 'utf8');
      if (!secrets.some((secret) => text.includes(secret))) continue;
      warnings.push(
        `${file} holds a secret (an API key, token or password) and every local user can read it (mode 0${mode.toString(8)}); chmod 640 it, with group spinel where the agent runs as spinel`,
      );
    } catch {
      // gone since it was read: nothing to say
    }
  }
  return warnings;
}
