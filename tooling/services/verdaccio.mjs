// A local npm registry for the registry journey test: Verdaccio on 127.0.0.1 with temp storage,
// one user and its token. `@spinel/*` is served only from what was published here (never from
// npmjs); everything else is proxied from the npm registry, as a company's registry would.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, listening, serverProcess } from './process.mjs';

const HERE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'verdaccio');

/** Installs Verdaccio from the lockfile next to this file, once per lockfile, outside the workspace. */
export function installVerdaccio() {
  const lock = readFileSync(path.join(HERE, 'package-lock.json'));
  const dir = path.join(os.homedir(), '.cache', 'spinel', `verdaccio-${createHash('sha256').update(lock).digest('hex').slice(0, 12)}`);
  const bin = path.join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(HERE, file), path.join(dir, file));
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'pipe' });
  }
  return bin;
}

/**
 * The environment of a user's shell: without the npm_config_* and npm_package_* variables a
 * parent `pnpm test` exports (npm warns about pnpm's own, `verify-deps-before-run`, on every call).
 */
function shellEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(npm|pnpm)_(config|package|lifecycle)_/i.test(key) && key !== 'npm_execpath' && key !== 'npm_node_execpath',
    ),
  );
}

export async function startVerdaccio() {
  const bin = installVerdaccio();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(
    path.join(dir, 'config.yaml'),
    `storage: ${dir}/storage
auth:
  htpasswd: { file: ${dir}/htpasswd, max_users: 10 }
uplinks:
  npmjs: { url: https://registry.npmjs.org/, timeout: 60s, max_fails: 5 }
packages:
  '@spinel/*': { access: $all, publish: $authenticated, unpublish: $authenticated }
  '**': { access: $all, publish: $authenticated, unpublish: $authenticated, proxy: npmjs }
max_body_size: 200mb
server: { keepAliveTimeout: 60 }
log: { type: stdout, format: pretty, level: warn }
`,
  );
  const server = serverProcess('verdaccio', process.execPath, [bin, '--config', path.join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    ready: () => listening(port),
    attempts: 300,
  });
  await server.start();
  const response = await fetch(`${url}/-/user/org.couchdb.user:author`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'author', password: 'spinel-test-password', email: 'author@example.test', type: 'user' }),
  });
  if (!response.ok) throw new Error(`verdaccio: adding a user answered ${response.status}: ${await response.text()}`);
  const { token } = await response.json();
  // What a developer's ~/.npmrc holds after `npm login --registry <url>`; pnpm reads it too.
  const npmrc = path.join(dir, 'npmrc');
  writeFileSync(npmrc, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  return {
    url,
    dir,
    npmrc,
    /** Environment for npm, npx and pnpm children: the registry and the token from npm config. */
    env: {
      ...shellEnv(),
      npm_config_userconfig: npmrc,
      NPM_CONFIG_USERCONFIG: npmrc,
      npm_config_registry: `${url}/`,
      npm_config_cache: path.join(dir, 'npm-cache'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    },
    output: server.output,
    stop: () => server.stop(),
  };
}
