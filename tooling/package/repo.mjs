// Package repositories a fleet installs from: a signed apt repository (apt-ftparchive; Release
// signed as InRelease and Release.gpg) and a yum repository (createrepo_c; repomd.xml signed),
// both in one folder a web server (or a `file:` source) can serve as it is:
//
//   <repo>/apt/dists/stable/{InRelease,Release,Release.gpg,main/binary-<arch>/Packages[.gz]}
//   <repo>/apt/pool/main/s/spinel/spinel_<version>_<arch>.deb
//   <repo>/yum/<rpms>, <repo>/yum/repodata/{repomd.xml,repomd.xml.asc,...}
//   <repo>/spinel-archive-keyring.gpg   the public key, binary, for apt's signed-by
//   <repo>/RPM-GPG-KEY-spinel           the same key, armored, for yum's gpgkey
//
// Publishing a new version adds its packages to the pool and rebuilds the indexes over all of them.
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ARCHES } from '../runtime/index.mjs';
import { run, step } from './bundle.mjs';

const SUITE = 'stable';
const COMPONENT = 'main';
const KEY_UID = 'Spinel package archive <archive@spinel-metrics.org>';

/** gpg with its own home (the signing key never touches the user's keyring). */
function gpg(home, args, options = {}) {
  return run('gpg', ['--homedir', home, '--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], options);
}

/**
 * The signing key in `home`, made there if it has none. A release machine keeps its key in a
 * home of its own (an offline one, or a hardware token's); the tests make one per run.
 */
export function ensureSigningKey(home) {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  if (!gpg(home, ['--list-secret-keys', '--with-colons']).includes('sec:')) {
    step(`making a signing key in ${home}`);
    gpg(home, ['--quick-generate-key', KEY_UID, 'ed25519', 'sign', 'never']);
  }
  return (
    gpg(home, ['--list-secret-keys', '--with-colons'])
      .split('\n')
      .find((line) => line.startsWith('fpr:'))
      ?.split(':')[9] ?? ''
  );
}

function aptRelease(aptDir, arches) {
  const conf = path.join(aptDir, '.release.conf');
  writeFileSync(
    conf,
    `APT::FTPArchive::Release {
  Origin "Spinel";
  Label "Spinel";
  Suite "${SUITE}";
  Codename "${SUITE}";
  Architectures "${arches.join(' ')}";
  Components "${COMPONENT}";
  Description "Spinel metrics agent";
};
`,
  );
  return run('apt-ftparchive', ['-c', conf, 'release', `dists/${SUITE}`], { cwd: aptDir });
}

/** Adds `debs` to the apt repository under `repo` and re-signs its indexes with the key in `keyHome`. */
export function publishApt(repo, debs, keyHome) {
  const aptDir = path.join(repo, 'apt');
  const pool = path.join(aptDir, 'pool', COMPONENT, 's', 'spinel');
  mkdirSync(pool, { recursive: true });
  for (const deb of debs) copyFileSync(deb, path.join(pool, path.basename(deb)));
  const arches = Object.values(ARCHES).map((a) => a.deb);
  for (const arch of arches) {
    const dir = path.join(aptDir, 'dists', SUITE, COMPONENT, `binary-${arch}`);
    mkdirSync(dir, { recursive: true });
    // Paths in Packages are relative to the repository root, as apt asks for them.
    const packages = run('apt-ftparchive', ['--arch', arch, 'packages', `pool/${COMPONENT}`], { cwd: aptDir });
    writeFileSync(path.join(dir, 'Packages'), packages);
    writeFileSync(path.join(dir, 'Packages.gz'), gzipSync(packages, { level: 9 }));
  }
  const release = aptRelease(aptDir, arches);
  const dists = path.join(aptDir, 'dists', SUITE);
  writeFileSync(path.join(dists, 'Release'), release);
  gpg(keyHome, ['--clearsign', '--digest-algo', 'SHA512', '-o', path.join(dists, 'InRelease'), path.join(dists, 'Release')]);
  gpg(keyHome, ['--detach-sign', '--armor', '--digest-algo', 'SHA512', '-o', path.join(dists, 'Release.gpg'), path.join(dists, 'Release')]);
  writeFileSync(path.join(repo, 'spinel-archive-keyring.gpg'), gpg(keyHome, ['--export'], { encoding: 'buffer' }));
  step(`apt repository ${aptDir}: ${readdirSync(pool).length} packages, ${SUITE}/${COMPONENT}, signed`);
  return aptDir;
}

/** Adds `rpms` to the yum repository under `repo`, rebuilds its metadata and signs repomd.xml. */
export function publishYum(repo, rpms, keyHome) {
  const yumDir = path.join(repo, 'yum');
  mkdirSync(yumDir, { recursive: true });
  for (const rpm of rpms) copyFileSync(rpm, path.join(yumDir, path.basename(rpm)));
  const update = existsSync(path.join(yumDir, 'repodata/repomd.xml')) ? ['--update'] : [];
  run('createrepo_c', ['--quiet', ...update, yumDir]);
  const repomd = path.join(yumDir, 'repodata/repomd.xml');
  gpg(keyHome, ['--detach-sign', '--armor', '--digest-algo', 'SHA512', '-o', `${repomd}.asc`, repomd]);
  writeFileSync(path.join(repo, 'RPM-GPG-KEY-spinel'), gpg(keyHome, ['--export', '--armor']));
  step(`yum repository ${yumDir}: ${readdirSync(yumDir).filter((f) => f.endsWith('.rpm')).length} packages, repomd.xml signed`);
  return yumDir;
}

/** The source line an operator writes (`/etc/apt/sources.list.d/spinel.sources`, deb822). */
export function aptSource(url, keyring) {
  return `Types: deb\nURIs: ${url}\nSuites: ${SUITE}\nComponents: ${COMPONENT}\nSigned-By: ${keyring}\n`;
}

/** The .repo file an operator writes (`/etc/yum.repos.d/spinel.repo`). */
export function yumRepoFile(url, keyUrl) {
  return `[spinel]\nname=Spinel\nbaseurl=${url}\nenabled=1\nrepo_gpgcheck=1\ngpgcheck=0\ngpgkey=${keyUrl}\n`;
}
