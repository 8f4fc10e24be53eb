// The Linux package as a host operator meets it (issue 20), on this machine, as root: `pnpm
// package` builds the .deb and the tarball; lintian and systemd-analyze judge them; dpkg installs,
// upgrades, removes and purges; the installed agent runs as the spinel user with a conf.d file.
// No systemd runs here, so the unit is verified, not started: the agent is started as the unit
// would start it (same user, command and working directory).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveLines, launchSettings, REPO, tempDir, waitFor } from './helpers.js';
import { NODE_ENV_DEFAULTS, NODE_FLAGS, runtime } from '../../../tooling/runtime/index.mjs';

const tools = ['dpkg-deb', 'dpkg', 'lintian', 'systemd-analyze', 'rpmbuild', 'rpm', 'apt-ftparchive', 'createrepo_c', 'gpg'];
const missing = tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const canInstall = process.getuid?.() === 0 && missing.length === 0;
if (!canInstall)
  console.log(
    `linux package tests skipped: they install a .deb and need root and ${tools.join(', ')} (${process.getuid?.() === 0 ? `missing: ${missing.join(', ')}` : 'not root'}); .ci/run runs them as root`,
  );

const VERSION = (JSON.parse(readFileSync(path.join(REPO, 'apps/agent/package.json'), 'utf8')) as { version: string }).version;
const ARCHIVE = '/var/log/spinel/archive.log';

function sh(command: string, args: string[], options: { cwd?: string } = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: options.cwd, timeout: 600_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function packageTool(args: string[]): string[] {
  return execFileSync(process.execPath, [path.join(REPO, 'tooling/package/package.mjs'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 900_000,
  })
    .trim()
    .split('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const installedVersion = (): string => sh('dpkg-query', ['-W', '-f=${Version} ${Status}', 'spinel']).stdout;

describe.skipIf(!canInstall)('the Linux package', () => {
  const out = tempDir('package');
  let deb = '';
  let tarball = '';
  let rpm = '';

  beforeAll(() => {
    sh('dpkg', ['--purge', 'spinel']); // a run that failed half-way leaves nothing behind
    rmSync('/etc/spinel', { recursive: true, force: true });
    // An earlier package put the user in the docker group; this one must not.
    if (sh('getent', ['group', 'docker']).code === 0 && sh('getent', ['passwd', 'spinel']).code === 0) sh('gpasswd', ['-d', 'spinel', 'docker']);
    [deb = '', tarball = '', rpm = ''] = packageTool(['--out', out]);
  }, 900_000);

  afterAll(() => {
    sh('dpkg', ['--purge', 'spinel']);
    rmSync('/etc/spinel', { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('pnpm package names its artifacts after the version: spinel_<version>_amd64.deb and spinel-<version>-linux-x64.tar.gz', () => {
    expect(path.basename(deb)).toBe(`spinel_${VERSION.replace('-', '~')}_amd64.deb`);
    expect(path.basename(tarball)).toBe(`spinel-${VERSION}-linux-x64.tar.gz`);
    const control = sh('dpkg-deb', ['--field', deb]).stdout;
    expect(control).toMatch(/^Package: spinel$/m);
    expect(control).toMatch(/^Depends: adduser, /m);
    expect(sh('dpkg-deb', ['--info', deb]).stdout).toContain('conffiles');
  });

  it('lintian finds no errors in the .deb', () => {
    const lint = sh('lintian', ['--no-tag-display-limit', deb]);
    const errors = lint.stdout.split('\n').filter((line) => line.startsWith('E:'));
    const warnings = lint.stdout.split('\n').filter((line) => line.startsWith('W:'));
    if (warnings.length > 0) console.log(`lintian: ${warnings.length} warnings:\n${warnings.join('\n')}`);
    expect(errors).toEqual([]);
  }, 600_000);

  it('installs the runtime, the command, the config, the unit, the user and its folders', () => {
    const install = sh('dpkg', ['--install', deb]);
    expect(install.stderr).not.toMatch(/error/i);
    expect(install.code).toBe(0);
    expect(installedVersion()).toBe(`${VERSION.replace('-', '~')} install ok installed`);
    expect(statSync('/opt/spinel/bin/node').mode & 0o111).not.toBe(0);
    expect(readlinkSync('/usr/bin/spinel')).toBe('/opt/spinel/bin/spinel');
    expect(existsSync('/lib/systemd/system/spinel.service')).toBe(true);
    expect(statSync('/etc/spinel/conf.d').isDirectory()).toBe(true);
    const passwd = sh('getent', ['passwd', 'spinel']).stdout.split(':');
    expect(passwd[5]).toBe('/var/lib/spinel');
    const spinelUid = Number(passwd[2]);
    const config = statSync('/etc/spinel/spinel.yaml');
    expect([config.uid, config.mode & 0o777]).toEqual([0, 0o640]);
    expect(config.gid).toBe(Number(sh('getent', ['group', 'spinel']).stdout.split(':')[2]));
    for (const dir of ['/var/lib/spinel', '/var/log/spinel']) expect(statSync(dir).uid).toBe(spinelUid);
    // The docker group is root on the host: the user joins it only when the operator says so.
    expect(sh('getent', ['group', 'docker']).code).toBe(0); // docker.io is installed by .ci/run
    expect(sh('id', ['-nG', 'spinel']).stdout.split(/\s+/)).not.toContain('docker');
  });

  it('spinel --version and spinel config check run from the installed files', () => {
    const version = sh('/usr/bin/spinel', ['--version']);
    expect(version.stdout).toContain(`spinel ${VERSION} `);
    // The registry's runtime pinned in tooling/runtime, never the Node that runs this test.
    expect(version.stdout).toContain(`node ${runtime('x64').version}`);
    const check = sh('runuser', ['-u', 'spinel', '--', '/usr/bin/spinel', 'config', 'check', '/etc/spinel/spinel.yaml']);
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('/etc/spinel/spinel.yaml: ok (collectors: cpu, memory, loadavg, vmstat, diskspace, diskusage, network; handlers: archive)');
  });

  it('systemd-analyze security rates the unit 4.0 or below, and the unit says what stays open', () => {
    const security = sh('systemd-analyze', ['security', '--offline=yes', '/lib/systemd/system/spinel.service']);
    const level = Number(/Overall exposure level for spinel\.service: ([\d.]+)/.exec(security.stdout + security.stderr)?.[1]);
    console.log(`systemd-analyze security: spinel.service ${level}`);
    expect(level).toBeLessThanOrEqual(4.0);
    const unit = readFileSync('/lib/systemd/system/spinel.service', 'utf8');
    for (const line of [
      'CapabilityBoundingSet=',
      'RuntimeDirectory=spinel',
      'SystemCallFilter=@system-service',
      'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK',
    ])
      expect(unit).toContain(line);
    expect(unit).toContain(`systemd-analyze security spinel says ${level}`);
  });

  it('systemd-analyze verify accepts the unit', () => {
    const verify = sh('systemd-analyze', ['verify', '/lib/systemd/system/spinel.service']);
    expect(verify.stderr.split('\n').filter((line) => line.includes('spinel.service'))).toEqual([]);
    expect(verify.code).toBe(0);
    const unit = readFileSync('/lib/systemd/system/spinel.service', 'utf8');
    for (const line of [
      'ExecStart=/usr/bin/spinel run --config /etc/spinel/spinel.yaml',
      'ExecReload=/bin/kill -HUP $MAINPID',
      'Restart=on-failure',
      'User=spinel',
      'NoNewPrivileges=true',
      'ProtectSystem=strict',
      'ReadWritePaths=/var/lib/spinel /var/log/spinel',
      'PrivateTmp=true',
    ]) {
      expect(unit).toContain(line);
    }
  });

  it('runs as the spinel user as the unit starts it; a file in conf.d adds a collector and sets options', async () => {
    const statusPort = await freePort();
    writeFileSync(
      '/etc/spinel/conf.d/50-test.yaml',
      `agent:\n  hostname: pkgtest\n  status: { port: ${statusPort} }\ncollectors:\n  uptime: {}\n  cpu: { interval: 1 }\n`,
    );
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(sh('id', [flag, 'spinel']).stdout.trim()));
    // What the unit's RuntimeDirectory=spinel makes: the control socket's folder.
    rmSync('/run/spinel', { recursive: true, force: true });
    sh('install', ['-d', '-o', 'spinel', '-g', 'spinel', '-m', '0750', '/run/spinel']);
    const agent = spawn('/usr/bin/spinel', ['run', '--config', '/etc/spinel/spinel.yaml'], {
      cwd: '/var/lib/spinel',
      uid,
      gid,
      env: { PATH: '/usr/bin:/bin' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    agent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => agent.on('exit', (code) => resolve(code)));
    try {
      await waitFor(
        () => archiveLines(ARCHIVE).some(([p]) => p.startsWith('servers.pkgtest.uptime.')),
        30_000,
        `uptime samples in ${ARCHIVE} (agent stderr: ${stderr})`,
      );
      await waitFor(() => archiveLines(ARCHIVE).filter(([p]) => p === 'servers.pkgtest.cpu.total.idle').length >= 2, 20_000, 'two cpu rates a second apart');
      // The sh launcher exec'd the bundled Node.js with the runtime's flags and environment.
      const launched = launchSettings(agent.pid ?? 0);
      expect(launched.argv.slice(0, NODE_FLAGS.length + 2)).toEqual(['/opt/spinel/bin/node', ...NODE_FLAGS, '/opt/spinel/bin/../app/dist/cli.js']);
      expect(launched.env).toMatchObject(NODE_ENV_DEFAULTS);
      // The control socket: spinel's, group spinel, 0660; root reloads through it.
      const socket = statSync('/run/spinel/control.sock');
      expect([socket.isSocket(), socket.uid, socket.gid, socket.mode & 0o777]).toEqual([true, uid, gid, 0o660]);
      const reload = sh('/usr/bin/spinel', ['reload', '--config', '/etc/spinel/spinel.yaml']);
      expect(reload.stderr).toBe('');
      expect(reload.stdout).toContain('config reloaded from /etc/spinel/spinel.yaml');
    } finally {
      agent.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(statSync(ARCHIVE).uid).toBe(uid);
    expect(stderr).not.toMatch(/error|EACCES/i);
  }, 90_000);

  it('a changed conffile survives an upgrade to a higher version; the state folder stays', () => {
    appendFileSync('/etc/spinel/spinel.yaml', '# changed by the operator\n');
    const higher = `${VERSION}+1`;
    const [upgrade = ''] = packageTool(['--out', out, '--bundle', path.join(out, 'bundle'), '--version', higher, '--formats', 'deb']);
    const install = sh('dpkg', ['--install', upgrade]);
    expect(install.code).toBe(0);
    expect(installedVersion()).toBe(`${higher.replace('-', '~')} install ok installed`);
    expect(readFileSync('/etc/spinel/spinel.yaml', 'utf8')).toContain('# changed by the operator');
    expect(existsSync(ARCHIVE)).toBe(true);
  }, 600_000);

  it('dpkg --remove keeps the config; dpkg --purge removes it and the state, leaving the operator’s own conf.d file', () => {
    expect(sh('dpkg', ['--remove', 'spinel']).code).toBe(0);
    for (const gone of ['/opt/spinel', '/usr/bin/spinel', '/lib/systemd/system/spinel.service']) expect(existsSync(gone) || isLink(gone)).toBe(false);
    expect(readFileSync('/etc/spinel/spinel.yaml', 'utf8')).toContain('# changed by the operator');
    expect(installedVersion()).toMatch(/deinstall ok config-files$/);

    expect(sh('dpkg', ['--purge', 'spinel']).code).toBe(0);
    for (const gone of ['/etc/spinel/spinel.yaml', '/var/lib/spinel', '/var/log/spinel']) expect(existsSync(gone)).toBe(false);
    expect(sh('dpkg-query', ['-W', 'spinel']).code).not.toBe(0);
    expect(existsSync('/etc/spinel/conf.d/50-test.yaml')).toBe(true); // not the package's; dpkg leaves it
  });

  it('the .rpm holds the same files, the config as noreplace, and scriptlets for the user and the service', () => {
    expect(path.basename(rpm)).toBe(`spinel-${VERSION.replace('-', '~')}-1.x86_64.rpm`);
    expect(sh('rpm', ['-qp', '--qf', '%{NAME} %{VERSION} %{ARCH}', rpm]).stdout).toBe(`spinel ${VERSION.replace('-', '~')} x86_64`);
    expect(sh('rpm', ['-qcp', rpm]).stdout.trim()).toBe('/etc/spinel/spinel.yaml');
    const scripts = sh('rpm', ['-qp', '--scripts', rpm]).stdout;
    expect(scripts).toContain('useradd -r -g spinel');
    expect(scripts).toContain('systemctl enable --now spinel.service');
    // No RPM-based system here to run the scriptlets: unpack into a scratch root and run from it.
    const root = tempDir('rpm-root');
    expect(sh('rpm', ['--root', root, '--initdb']).code).toBe(0);
    const install = sh('rpm', ['--root', root, '-i', '--nodeps', '--noscripts', rpm]);
    expect(install.stderr).not.toMatch(/^error/m); // Debian's rpm also prints its advice to use alien
    expect(install.code).toBe(0);
    for (const file of ['/opt/spinel/bin/node', '/usr/lib/systemd/system/spinel.service', '/etc/spinel/spinel.yaml'])
      expect(existsSync(path.join(root, file))).toBe(true);
    expect(sh(path.join(root, 'usr/bin/spinel'), ['--version']).stdout).toContain(`spinel ${VERSION} `);
    rmSync(root, { recursive: true, force: true });
  });

  it('apt-get install spinel from the signed apt repository `pnpm package --repo` writes; a +1 published there upgrades it and keeps a changed spinel.yaml', () => {
    const repo = tempDir('repo');
    const keyHome = tempDir('gnupg');
    const publish = (version: string) =>
      packageTool(['--out', out, '--bundle', path.join(out, 'bundle'), '--version', version, '--formats', 'deb,rpm', '--repo', repo, '--key-home', keyHome]);
    publish(VERSION);
    // Only this repository, with its keyring named in the source line (signed-by), in a state folder of the test's own.
    const lists = tempDir('apt-lists');
    mkdirSync(path.join(lists, 'partial'));
    const etc = tempDir('apt-sources'); // apart from the lists, which apt's update cleans
    mkdirSync(path.join(etc, 'parts'));
    const sources = path.join(etc, 'spinel.list');
    const keyring = path.join(repo, 'spinel-archive-keyring.gpg');
    writeFileSync(sources, `deb [signed-by=${keyring}] file:${repo}/apt stable main\n`);
    const apt = (args: string[], sourceList = sources) =>
      sh('apt-get', [
        '-o',
        `Dir::Etc::SourceList=${sourceList}`,
        '-o',
        `Dir::Etc::SourceParts=${path.join(etc, 'parts')}`,
        '-o',
        `Dir::State::Lists=${lists}`,
        '-o',
        'APT::Sandbox::User=root',
        '-y',
        '-q',
        ...args,
      ]);
    const update = apt(['update']);
    expect(update.stderr).not.toMatch(/^(W|E):/m);
    expect(update.code).toBe(0);
    const install = apt(['install', '--no-install-recommends', 'spinel']);
    expect(install.code, install.stderr).toBe(0);
    expect(installedVersion()).toBe(`${VERSION.replace('-', '~')} install ok installed`);
    appendFileSync('/etc/spinel/spinel.yaml', '# changed by the operator\n');

    const next = `${VERSION}+1`;
    publish(next);
    expect(apt(['update']).code).toBe(0);
    const upgrade = apt(['upgrade']);
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(installedVersion()).toBe(`${next.replace('-', '~')} install ok installed`);
    expect(readFileSync('/etc/spinel/spinel.yaml', 'utf8')).toContain('# changed by the operator');

    // A repository signed by another key is refused: the keyring in the source line is the only trust.
    const strangerHome = tempDir('gnupg-stranger');
    sh('gpg', [
      '--homedir',
      strangerHome,
      '--batch',
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      '',
      '--quick-generate-key',
      'Stranger <s@example.invalid>',
      'ed25519',
      'sign',
      'never',
    ]);
    const strangerKeyring = path.join(strangerHome, 'stranger.gpg');
    writeFileSync(strangerKeyring, execFileSync('gpg', ['--homedir', strangerHome, '--export']));
    const strangerSources = path.join(etc, 'stranger.list');
    writeFileSync(strangerSources, `deb [signed-by=${strangerKeyring}] file:${repo}/apt stable main\n`);
    const refused = apt(['update'], strangerSources);
    expect(`${refused.stdout}${refused.stderr}`).toMatch(/NO_PUBKEY|not signed|signatures couldn't be verified/);
    expect(sh('dpkg', ['--purge', 'spinel']).code).toBe(0);

    // The yum repository: both versions in createrepo_c's metadata, each checksum that of its file, repomd.xml signed by the same key.
    const yum = path.join(repo, 'yum');
    const primaryHref = /<location href="(repodata\/[^"]*primary\.xml\.gz)"/.exec(readFileSync(path.join(yum, 'repodata/repomd.xml'), 'utf8'))?.[1] ?? '';
    const primary = gunzipSync(readFileSync(path.join(yum, primaryHref))).toString('utf8');
    const listed = [
      ...primary.matchAll(
        /<version epoch="0" ver="([^"]+)" rel="1"\/>[\s\S]*?<checksum type="sha256" pkgid="YES">([0-9a-f]+)<\/checksum>[\s\S]*?<location href="([^"]+)"\/>/g,
      ),
    ].map((m) => ({ version: m[1], sha256: m[2], file: m[3] }));
    expect(listed.map((p) => p.version).sort()).toEqual([VERSION, next].map((v) => v.replace('-', '~')).sort());
    for (const p of listed)
      expect(
        createHash('sha256')
          .update(readFileSync(path.join(yum, p.file ?? '')))
          .digest('hex'),
      ).toBe(p.sha256);
    const verify = sh('gpg', ['--homedir', keyHome, '--verify', path.join(yum, 'repodata/repomd.xml.asc'), path.join(yum, 'repodata/repomd.xml')]);
    expect(verify.stderr).toContain('Good signature from "Spinel package archive <archive@spinel-metrics.org>"');
    expect(readFileSync(path.join(repo, 'RPM-GPG-KEY-spinel'), 'utf8')).toContain('BEGIN PGP PUBLIC KEY BLOCK');
  }, 900_000);

  it('the tarball runs from wherever it is unpacked', () => {
    const dir = tempDir('tarball');
    expect(sh('tar', ['-xzf', tarball, '-C', dir]).code).toBe(0);
    const root = path.join(dir, `spinel-${VERSION}-linux-x64`);
    expect(sh(path.join(root, 'bin/spinel'), ['--version']).stdout).toContain(`spinel ${VERSION} `);
    const collect = sh(path.join(root, 'bin/spinel'), ['collect', 'loadavg']);
    expect(collect.code).toBe(0);
    expect(collect.stdout).toMatch(/loadavg\.01 /);
    expect(existsSync(path.join(root, 'share/spinel.service'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
