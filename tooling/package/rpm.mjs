// The .rpm, for RPM-based distributions, from the same bundle with rpmbuild (Debian's `rpm`
// package): the same files as the .deb (the unit under /usr/lib/systemd/system, where those
// distributions keep it) and the same user, folders and service handling as rpm scriptlets.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARCHES } from '../runtime/index.mjs';
import { bundleRuntime, run, step } from './bundle.mjs';
import { packageVersion, stageInstalledTree } from './stage.mjs';

function spec(version, stage, rpmArch) {
  return `Name: spinel
Version: ${version}
Release: 1
Summary: Metrics agent for hosts, containers and services
License: MIT
URL: https://github.com/spinel-metrics/spinel
ExclusiveArch: ${rpmArch}
# The bundle carries its own Node.js; its only needs are glibc, libstdc++ and libatomic.
AutoReqProv: no
Requires: glibc, libstdc++, libatomic
Requires(pre): shadow-utils
%global debug_package %{nil}
%global __os_install_post %{nil}
%global _build_id_links none
%global _binary_payload w6.xzdio

%description
Spinel collects host, container and service metrics and ships them to Graphite,
InfluxDB, Prometheus, Metricly, CloudWatch, MQTT, NATS and files, with Diamond's
metric names. This package brings its own Node.js runtime under /opt/spinel and
runs the agent as the spinel user from a systemd unit.

%install
cp -a ${stage}/. %{buildroot}/

%pre
getent group spinel >/dev/null || groupadd -r spinel
getent passwd spinel >/dev/null || useradd -r -g spinel -d /var/lib/spinel -M -s /sbin/nologin -c "Spinel metrics agent" spinel
exit 0

%post
install -d -o spinel -g spinel -m 0750 /var/lib/spinel /var/log/spinel
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -eq 1 ]; then systemctl enable --now spinel.service >/dev/null 2>&1 || :; else systemctl try-restart spinel.service >/dev/null 2>&1 || :; fi
fi

%preun
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then systemctl disable --now spinel.service >/dev/null 2>&1 || :; fi

%postun
if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null 2>&1 || :; fi

%files
/opt/spinel
/usr/bin/spinel
%dir /etc/spinel
%dir /etc/spinel/conf.d
%attr(0640, root, spinel) %config(noreplace) /etc/spinel/spinel.yaml
/usr/lib/systemd/system/spinel.service
`;
}

/** Builds spinel-<version>-1.<x86_64|aarch64>.rpm from the bundle into outDir; returns its path. */
export function buildRpm(bundle, version, outDir) {
  const rpmVer = packageVersion(version);
  const rpmArch = ARCHES[bundleRuntime(bundle).arch].rpm;
  const top = mkdtempSync(path.join(os.tmpdir(), 'spinel-rpm-'));
  try {
    step(`staging the .rpm (version ${rpmVer})`);
    const stage = path.join(top, 'stage');
    stageInstalledTree(bundle, stage, { unitDir: 'usr/lib/systemd/system', binLink: '../../opt/spinel/bin/spinel' });
    const specFile = path.join(top, 'spinel.spec');
    writeFileSync(specFile, spec(rpmVer, stage, rpmArch));
    step(`rpmbuild -bb --target ${rpmArch}`);
    run('rpmbuild', ['-bb', '--quiet', '--target', rpmArch, '--define', `_topdir ${top}`, '--define', '_rpmdir %{_topdir}/RPMS', specFile], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const built = path.join(top, 'RPMS', rpmArch, readdirSync(path.join(top, 'RPMS', rpmArch))[0] ?? '');
    const rpm = path.join(outDir, path.basename(built));
    copyFileSync(built, rpm);
    step(`built ${rpm}: ${(statSync(rpm).size / 1e6).toFixed(1)} MB`);
    return rpm;
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}
