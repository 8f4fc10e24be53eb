// The .deb: the bundle under /opt/spinel, /usr/bin/spinel, /etc/spinel (spinel.yaml a conffile,
// conf.d/), the systemd unit, and maintainer scripts for the spinel user and its folders.
import { chmodSync, copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ARCHES } from '../runtime/index.mjs';
import { bundleRuntime, REPO, run, step } from './bundle.mjs';
import { packageVersion, stageInstalledTree } from './stage.mjs';

const FILES = path.join(REPO, 'tooling/package/files');

function control(version, installedKb, debArch) {
  return `Package: spinel
Version: ${version}
Architecture: ${debArch}
Maintainer: Spinel maintainers <maintainers@spinel-metrics.org>
Section: admin
Priority: optional
Depends: adduser, libatomic1, libc6 (>= 2.28), libgcc-s1, libstdc++6
Installed-Size: ${installedKb}
Homepage: https://github.com/spinel-metrics/spinel
Description: metrics agent for hosts, containers and services
 Spinel collects host, container and service metrics (CPU, memory, disks,
 network, Docker, PostgreSQL, MySQL, Redis, RabbitMQ, nginx and more) and
 ships them to Graphite, InfluxDB, Prometheus, Metricly, CloudWatch, MQTT,
 NATS and files, with Diamond's metric names. Every plugin runs in a worker
 thread of its own whose memory is capped and watched.
 .
 This package brings its own Node.js runtime under /opt/spinel and runs the
 agent as the spinel user from a systemd unit.
`;
}

/** Builds spinel_<version>_<amd64|arm64>.deb from the bundle into outDir; returns its path. */
export function buildDeb(bundle, version, outDir) {
  const debVersion = packageVersion(version);
  const debArch = ARCHES[bundleRuntime(bundle).arch].deb;
  const stage = path.join(outDir, `.deb-stage-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  try {
    step(`staging the .deb (version ${debVersion})`);
    stageInstalledTree(bundle, stage, { unitDir: 'lib/systemd/system', binLink: '/opt/spinel/bin/spinel' });
    // Nothing here is run by its `#!/usr/bin/env node` line (the launcher hands cli.js to the
    // package's own node), and Debian reads such a line as a dependency on its nodejs package:
    // it becomes a comment, on the same line so line numbers in stack traces still match (some
    // packages write `#! /usr/bin/env node`, with a space: bson's and mongodb's etc/prepare.js).
    run(
      'sh',
      [
        '-c',
        "grep -rlZ --include='*.js' --include='*.mjs' --include='*.cjs' -e '^#! */usr/bin/env  *node' opt/spinel | xargs -0 -r sed -i '1s,^#! */usr/bin/env  *node.*,// run by /opt/spinel/bin/node,'",
      ],
      { cwd: stage },
    );
    const doc = path.join(stage, 'usr/share/doc/spinel');
    mkdirSync(doc, { recursive: true });
    copyFileSync(path.join(FILES, 'copyright'), path.join(doc, 'copyright'));
    const date = new Date().toUTCString().replace('GMT', '+0000');
    writeFileSync(
      path.join(doc, 'changelog.gz'),
      gzipSync(
        `spinel (${debVersion}) unstable; urgency=medium\n\n  * Release ${version}; the changes are in the project's CHANGELOG files.\n\n -- Spinel maintainers <maintainers@spinel-metrics.org>  ${date}\n`,
        { level: 9 },
      ),
    );
    const overrides = path.join(stage, 'usr/share/lintian/overrides');
    mkdirSync(overrides, { recursive: true });
    copyFileSync(path.join(FILES, 'lintian-overrides'), path.join(overrides, 'spinel'));

    const debian = path.join(stage, 'DEBIAN');
    mkdirSync(debian);
    for (const script of ['postinst', 'prerm', 'postrm']) {
      copyFileSync(path.join(FILES, script), path.join(debian, script));
      chmodSync(path.join(debian, script), 0o755);
    }
    writeFileSync(path.join(debian, 'conffiles'), '/etc/spinel/spinel.yaml\n');
    run('sh', ['-c', "find . -path ./DEBIAN -prune -o -type f -print0 | sort -z | xargs -0 md5sum | sed 's, \\./, ,' > DEBIAN/md5sums"], { cwd: stage });
    const installedKb = Number(run('du', ['-sk', '--exclude=DEBIAN', '.'], { cwd: stage }).split(/\s/)[0]);
    writeFileSync(path.join(debian, 'control'), control(debVersion, installedKb, debArch));

    const deb = path.join(outDir, `spinel_${debVersion}_${debArch}.deb`);
    step(`dpkg-deb --build ${path.basename(deb)}`);
    run('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', stage, deb], { stdio: ['ignore', 'ignore', 'inherit'] });
    step(`built ${deb}: ${(statSync(deb).size / 1e6).toFixed(1)} MB`);
    return deb;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The same bundle as spinel-<version>-linux-<x64|arm64>.tar.gz, unpacking to a folder of that name. */
export function buildTarball(bundle, version, outDir) {
  const name = `spinel-${version}-${ARCHES[bundleRuntime(bundle).arch].tarball}`;
  const tarball = path.join(outDir, `${name}.tar.gz`);
  step(`tar ${path.basename(tarball)}`);
  run('tar', [
    '-C',
    path.dirname(bundle),
    '--owner=0',
    '--group=0',
    '--transform',
    `s,^${path.basename(bundle)},${name},`,
    '-czf',
    tarball,
    path.basename(bundle),
  ]);
  step(`built ${tarball}: ${(statSync(tarball).size / 1e6).toFixed(1)} MB`);
  return tarball;
}
