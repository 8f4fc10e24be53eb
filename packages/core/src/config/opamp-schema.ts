import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeValue, option, type OptionValues } from '@spinel/sdk';
import type { ConfigIssue } from './errors.js';

/** `agent.opamp`: the fleet server this agent reports to and takes remote configs from. */
export const opampSchema = {
  endpoint: option.string('', 'OpAMP server URL over HTTP(S), e.g. https://opamp.example.com/v1/opamp; empty: no OpAMP (the default).'),
  headers: option.stringMap('Headers sent with every request (Authorization: Bearer ...); values are secrets, redacted and scrubbed from logs.', {
    secret: true,
  }),
  polling_interval: option.number(30, 'Seconds between two polls while nothing changes; also the longest wait between retries when the server is down.', {
    min: 1,
  }),
  timeout: option.number(10, 'Seconds one request may take (connect, answer, body).', { min: 1 }),
  ca_file: option.optionalString("CA certificates (PEM) the server's certificate must be signed by; default the system's."),
  cert_file: option.optionalString('Client certificate (PEM) for servers that ask for one; with key_file.'),
  key_file: option.optionalString('Key (PEM) of cert_file.'),
  remote_config: option.boolean(true, 'Take configs the server offers (within allow_plugins and allow_privileged); false: report only.'),
  allow_plugins: option.stringList(
    ['@spinel/*'],
    'Plugin packages a remote config may add or change entries of; a trailing * matches the rest of a name. Paths to plugin modules are never allowed.',
  ),
  allow_privileged: option.boolean(
    false,
    'Let a remote config add or change entries of privileged plugins: those that run programs or write files named by their options (userscripts, ntpd, smart, archive, ...).',
  ),
};

export type OpampSettings = OptionValues<typeof opampSchema>;

/** Rules across `agent.opamp` keys and `agent.state_dir`; the TLS files are read, so a missing one is an error naming its key. */
export function checkOpamp(label: string, opamp: OpampSettings, stateDir: string | undefined, baseDir: string, issues: ConfigIssue[]): void {
  if (!opamp.endpoint) return;
  const issue = (key: string, expected: string, found: string): void => void issues.push({ file: label, key: `agent.opamp.${key}`, expected, found });
  let url: URL | undefined;
  try {
    url = new URL(opamp.endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) issue('endpoint', 'an http:// or https:// URL', describeValue(opamp.endpoint));
  if (!stateDir)
    issues.push({
      file: label,
      key: 'agent.state_dir',
      expected: 'a directory for the instance id and the last remote config, since agent.opamp.endpoint is set',
      found: 'none',
    });
  if ((opamp.cert_file === undefined) !== (opamp.key_file === undefined))
    issue(opamp.cert_file ? 'key_file' : 'cert_file', 'cert_file and key_file together', 'only one of them');
  for (const key of ['ca_file', 'cert_file', 'key_file'] as const) {
    const file = opamp[key];
    if (file === undefined) continue;
    try {
      readFileSync(path.resolve(baseDir, file));
    } catch (error) {
      issue(key, 'a readable PEM file', `${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
}
