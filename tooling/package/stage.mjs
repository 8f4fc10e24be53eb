// The file tree both Linux packages install, staged from the bundle: /opt/spinel, the
// /usr/bin/spinel link, /etc/spinel (spinel.yaml and an empty conf.d/) and the systemd unit.
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { run } from './bundle.mjs';

/** dpkg's and rpm's view of the version: npm's `-rc.1` pre-release becomes `~rc.1`, which both sort before the release. */
export function packageVersion(version) {
  return version.replace(/-/, '~');
}

/**
 * Stages the installed tree under `stage`. `unitDir` is where the distribution keeps units
 * (Debian: lib/systemd/system; RPM distributions: usr/lib/systemd/system); `binLink` is the
 * /usr/bin/spinel target (lintian wants it absolute, rpmbuild relative).
 */
export function stageInstalledTree(bundle, stage, { unitDir, binLink }) {
  mkdirSync(path.join(stage, 'opt'), { recursive: true });
  run('cp', ['-a', bundle, path.join(stage, 'opt/spinel')]);
  mkdirSync(path.join(stage, 'usr/bin'), { recursive: true });
  symlinkSync(binLink, path.join(stage, 'usr/bin/spinel'));
  mkdirSync(path.join(stage, 'etc/spinel/conf.d'), { recursive: true });
  copyFileSync(path.join(bundle, 'share/spinel.yaml'), path.join(stage, 'etc/spinel/spinel.yaml'));
  mkdirSync(path.join(stage, unitDir), { recursive: true });
  copyFileSync(path.join(bundle, 'share/spinel.service'), path.join(stage, unitDir, 'spinel.service'));
}
