import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SDK_API_VERSION } from '@spinel/sdk';
import { AGENT_DIR } from './config-source.js';

export function agentVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(AGENT_DIR, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function versionText(): string {
  return `spinel ${agentVersion()} (plugin API ${SDK_API_VERSION}, node ${process.versions.node} ${process.platform}-${process.arch})`;
}
