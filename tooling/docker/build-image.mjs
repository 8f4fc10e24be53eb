#!/usr/bin/env node
// `pnpm image`: the Spinel agent image, built FROM scratch over a root filesystem assembled here
// (no registry is pulled from): the same bundle the .deb and the tarball are made from
// (tooling/package/bundle.mjs: Node.js and a production deploy of @spinel/agent) at /opt/spinel,
// the shared libraries Node.js links, CA certificates, a user and group for the agent, the image's
// default config (docker/spinel.yaml) and `spinel` as a compiled launcher (tooling/docker/
// spinel-exec.c, with the machine's cc). No shell and no package manager inside.
//
//   node tooling/docker/build-image.mjs [--tag spinel-agent:dev] [--arch x64|arm64] [--keep]
//
// --arch arm64 builds the arm64 image on any machine: the registry's arm64 Node.js, the libraries
// it links from Debian's arm64 cross packages (/usr/aarch64-linux-gnu), the launcher compiled by
// aarch64-linux-gnu-gcc, and `docker build --platform linux/arm64` (COPY only, nothing runs).
//
// Prints the image's tag on the last line of stdout.
import { execFileSync } from 'node:child_process';
import { buildBundle } from '../package/bundle.mjs';
import { ARCHES, cLauncherDefines } from '../runtime/index.mjs';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AGENT_UID = 10001;
const { values } = parseArgs({ options: { tag: { type: 'string' }, arch: { type: 'string', default: 'x64' }, keep: { type: 'boolean', default: false } } });
const arch = values.arch;
if (!(arch in ARCHES)) throw new Error(`--arch ${arch}: expected one of ${Object.keys(ARCHES).join(', ')}`);
const version = JSON.parse(readFileSync(path.join(REPO, 'apps/agent/package.json'), 'utf8')).version;
const tag = values.tag ?? `spinel-agent:${version}${arch === 'x64' ? '' : `-${arch}`}`;
/** The arm64 build's C library root and compiler: Debian's cross packages. */
const CROSS = { root: '/usr/aarch64-linux-gnu', cc: 'aarch64-linux-gnu-gcc', libDir: 'lib/aarch64-linux-gnu' };
const socket = process.env.DOCKER_SOCK ?? '/var/run/docker.sock';

const run = (command, args, options = {}) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });
const step = (text) => process.stderr.write(`image: ${text}\n`);

/** Copies a file to the same path under root, following symlinks to the real file. */
function copyHostFile(root, file, target = file) {
  const dest = path.join(root, target);
  mkdirSync(path.dirname(dest), { recursive: true });
  copyFileSync(realpathSync(file), dest);
  return dest;
}

/**
 * The arm64 binary's libraries from the cross root, by its NEEDED entries and their own, placed
 * where Debian's arm64 loader looks (/lib/aarch64-linux-gnu), and the loader at its PT_INTERP path.
 */
function addCrossLibraries(root, binary) {
  const interpreter = /program interpreter: (\S+)\]/.exec(run('readelf', ['-lW', binary]))?.[1];
  if (!interpreter) throw new Error(`${binary} names no program interpreter`);
  copyHostFile(root, path.join(CROSS.root, 'lib', path.basename(interpreter)), interpreter);
  const seen = new Set();
  const visit = (file) => {
    for (const [, name] of run('readelf', ['-dW', file]).matchAll(/\(NEEDED\)\s+Shared library: \[(\S+)\]/g)) {
      if (seen.has(name) || name === path.basename(interpreter)) continue;
      seen.add(name);
      const source = path.join(CROSS.root, 'lib', name);
      if (!existsSync(source))
        throw new Error(`${name}, which ${path.basename(file)} links, is not in ${CROSS.root}/lib: install Debian's arm64 cross packages (.ci/run names them)`);
      visit(copyHostFile(root, source, path.join('/', CROSS.libDir, name)));
    }
  };
  visit(binary);
}

/** The shared libraries a binary links, as absolute paths (the dynamic loader included). */
function linkedLibraries(binary) {
  const libraries = new Set();
  for (const line of run('ldd', [binary]).split('\n')) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match) libraries.add(match[1]);
  }
  return [...libraries];
}

const stage = mkdtempSync(path.join(os.tmpdir(), 'spinel-image-'));
const root = path.join(stage, 'rootfs');
try {
  await buildBundle(path.join(root, 'opt/spinel'), { arch });
  const node = path.join(root, 'opt/spinel/bin/node');
  step('adding the libraries the bundled Node.js links');
  if (arch === 'x64') for (const library of linkedLibraries(node)) copyHostFile(root, library);
  else addCrossLibraries(root, node);

  step('adding the image launcher and its default config');
  // No shell in the image: `spinel` there is a small program, not the bundle's sh script.
  run(arch === 'x64' ? 'cc' : CROSS.cc, [
    '-O2',
    '-Wall',
    '-Werror',
    ...cLauncherDefines(),
    '-o',
    path.join(root, 'opt/spinel/bin/spinel'),
    path.join(REPO, 'tooling/docker/spinel-exec.c'),
  ]);
  mkdirSync(path.join(root, 'etc/spinel'), { recursive: true });
  copyFileSync(path.join(REPO, 'docker/spinel.yaml'), path.join(root, 'etc/spinel/spinel.yaml'));

  step('adding CA certificates, the agent user and its folders');
  const certificates = '/etc/ssl/certs/ca-certificates.crt';
  if (existsSync(certificates)) copyHostFile(root, certificates);
  else step(`warning: ${certificates} not found; HTTPS handlers in the image will not verify servers`);
  mkdirSync(path.join(root, 'etc'), { recursive: true });
  writeFileSync(
    path.join(root, 'etc/passwd'),
    `root:x:0:0:root:/root:/sbin/nologin\nspinel:x:${AGENT_UID}:${AGENT_UID}:Spinel agent:/var/lib/spinel:/sbin/nologin\n`,
  );
  writeFileSync(path.join(root, 'etc/group'), `root:x:0:\nspinel:x:${AGENT_UID}:\n`);
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  chmodSync(path.join(root, 'tmp'), 0o1777);
  mkdirSync(path.join(stage, 'data'), { recursive: true });

  copyFileSync(path.join(REPO, 'docker/Dockerfile'), path.join(stage, 'Dockerfile'));
  step(`docker build -t ${tag}`);
  // The classic builder: FROM scratch needs no frontend image, which BuildKit would pull.
  run('docker', ['-H', `unix://${socket}`, 'build', '-q', '--platform', `linux/${ARCHES[arch].deb}`, '-t', tag, '--build-arg', `VERSION=${version}`, stage], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const size = Number(run('docker', ['-H', `unix://${socket}`, 'image', 'inspect', '-f', '{{.Size}}', tag]).trim());
  step(`built ${tag}: ${(size / 1e6).toFixed(1)} MB`);
  process.stdout.write(`${tag}\n`);
} finally {
  if (values.keep) step(`root filesystem kept in ${root}`);
  else rmSync(stage, { recursive: true, force: true });
}
