#!/usr/bin/env node
// Sizes of what `pnpm package` makes (the bundle, the .deb, the .rpm, the tarball) beside the
// Debian packages of two peers, collectd-core and prometheus-node-exporter, as apt lists them.
//
//   node bench/package-size.mjs [--out DIR] [--arch x64,arm64]   (builds into DIR, default a temp folder)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' }, arch: { type: 'string', default: 'x64,arm64' } } });
const out = values.out ?? mkdtempSync(path.join(os.tmpdir(), 'spinel-package-size-'));
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const du = (dir) => Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split(/\s/)[0]);

/** A Debian package's download and installed size, from apt's metadata. */
function peer(name) {
  const fields = Object.fromEntries(
    execFileSync('apt-cache', ['show', '--no-all-versions', name], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.split(': '))
      .filter((pair) => pair.length === 2),
  );
  return { name: `${name} ${fields.Version}`, download: Number(fields.Size), installed: Number(fields['Installed-Size']) * 1024 };
}

const peers = ['collectd-core', 'prometheus-node-exporter'].map(peer);
for (const arch of values.arch.split(',')) {
  const artifacts = execFileSync(process.execPath, [path.join(REPO, 'tooling/package/package.mjs'), '--out', out, '--arch', arch], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n');
  const deb = artifacts.find((a) => a.endsWith('.deb'));
  const installed = Number(execFileSync('dpkg-deb', ['--field', deb, 'Installed-Size'], { encoding: 'utf8' })) * 1024;
  const bundle = path.join(out, arch === 'x64' ? 'bundle' : `bundle-${arch}`);
  console.log(`${arch} bundle: ${mb(du(bundle))} (bin/node ${mb(statSync(path.join(bundle, 'bin/node')).size)}, app ${mb(du(path.join(bundle, 'app')))})`);
  for (const artifact of artifacts) console.log(`${path.basename(artifact)}: ${mb(statSync(artifact).size)}`);
  console.log(`${arch} .deb installed: ${mb(installed)}`);
  // The peers' sizes are those of this machine's architecture (amd64): a guide for arm64, not a measure.
  for (const p of peers) {
    console.log(
      `  ${p.name} (amd64): download ${mb(p.download)} (spinel ${(statSync(deb).size / p.download).toFixed(1)}x), installed ${mb(p.installed)} (spinel ${(installed / p.installed).toFixed(1)}x)`,
    );
  }
}
