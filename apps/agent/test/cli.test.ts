import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { CLI, FIXTURES, runCli, tempDir, writeConfig } from './helpers.js';
import path from 'node:path';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';

describe('spinel CLI', () => {
  it('--help lists the commands and --version names the plugin API', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['spinel run', 'spinel collect <name>', 'spinel config check', 'spinel config print']) expect(help.stdout).toContain(command);
    const version = await runCli(['--version']);
    expect(version.stdout).toMatch(/^spinel 0\.1\.0 \(plugin API 1, node \d+\.\d+\.\d+ linux-x64\)\n$/);
  });

  it('collect prints one JSON object per sample per line, with rates from the second run', async () => {
    const { code, stdout } = await runCli(['collect', 'cpu', '--runs', '2', '--interval', '0.5', '--json']);
    expect(code).toBe(0);
    const samples = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const user = samples.find((s) => s.name === 'total.user');
    expect(user).toMatchObject({ type: 'rate', collector: 'cpu', dimensions: { cpu: 'total' } });
    expect(user?.path).toMatch(/^servers\.[^.]+\.cpu\.total\.user$/);
    expect(typeof user?.value).toBe('number');
    expect(typeof user?.timestamp).toBe('number');
    expect(samples.some((s) => /^cpu\d+\.idle$/.test(String(s.name)))).toBe(true);
  });

  it('a bare word names a plugin even where a folder of that name exists (npm: a path starts with ./, ../ or /)', async () => {
    const dir = tempDir('bare-word');
    mkdirSync(path.join(dir, 'cpu'));
    const { code, stdout, stderr } = await runCli(['collect', 'cpu', '--runs', '1', '--json'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('"cpu_count"');
    const asPath = await runCli(['collect', './cpu', '--runs', '1'], { cwd: dir });
    expect(asPath.code).not.toBe(0);
  });

  it('config check of an include that is not a config (a password file) quotes short excerpts of three keys and sums up the rest', async () => {
    const dir = tempDir('include-shadow');
    const shadow = path.join(dir, 'shadow');
    writeFileSync(shadow, Array.from({ length: 35 }, (_, i) => `user${i}:$y$j9T$SALT${i}$HASHHASHHASHHASH:19000:0:99999:7:::`).join('\n'));
    const config = writeConfig(dir, `include: ${shadow}\ncollectors: { loadavg: {} }\nhandlers: { console: {} }\n`);
    const { code, stderr } = await runCli(['config', 'check', config]);
    expect(code).toBe(78);
    expect(stderr).not.toContain('HASH');
    expect(stderr).toContain(
      `${shadow}: user0:$y$j9T$SA…: expected one of the sections agent, collectors, handlers (an included file cannot include), found an unknown section`,
    );
    expect(stderr).toContain(
      `${shadow}: (file): expected a Spinel config (sections agent, collectors, handlers), found 32 more unknown top-level keys: it does not look like a config file`,
    );
    expect(stderr.trim().split('\n')).toHaveLength(5);
  });

  it('collect --set overrides an option and is validated like a config', async () => {
    const off = await runCli(['collect', 'cpu', '--runs', '2', '--interval', '0.3', '--json', '--set', 'percore=false']);
    const names = off.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { name: string }).name);
    expect(names.length).toBeGreaterThan(0);
    // percore off: the total's states and Diamond's cpu_count, no cpu<N> series.
    expect(names.every((n) => n.startsWith('total.') || n === 'cpu_count')).toBe(true);
    expect(names).toContain('total.idle');
    const bad = await runCli(['collect', 'cpu', '--set', 'percore=maybe']);
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain('spinel: config error: <command line>: collectors.cpu.percore: expected boolean (true or false), found "maybe"');
  });

  it('collect --config takes options from the config file, with the agent section', async () => {
    const dir = tempDir('collect');
    const file = writeConfig(dir, 'agent: { hostname: cfghost, path_prefix: hosts }\ncollectors:\n  memory: { byte_unit: megabyte }\n');
    const { code, stdout } = await runCli(['collect', 'memory', '--config', file, '--json']);
    expect(code).toBe(0);
    const total = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { path: string; value: number })
      .find((s) => s.path === 'hosts.cfghost.memory.MemTotal');
    expect(total?.value).toBeGreaterThan(1);
    expect(total?.value).toBeLessThan(10 * 1024 * 1024);
  });

  it('collect honours HOST_PROC and the common filter keys', async () => {
    const dir = tempDir('hostproc');
    writeConfig(dir, '1.50 2.50 3.50 4/500 99\n', 'loadavg');
    const { code, stdout } = await runCli(
      ['collect', 'loadavg', '--json', '--set', 'metrics_whitelist=[0, processes_total]', '--set', 'metrics_blacklist=[05]'],
      { env: { HOST_PROC: dir } },
    );
    expect(code).toBe(0);
    const samples = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; value: number });
    // the whitelist matches at the start of the name (Diamond's re.match); the blacklist is then ignored
    expect(samples.map((s) => [s.name, s.value])).toEqual([
      ['01', 1.5],
      ['05', 2.5],
      ['01_normalized', expect.any(Number)],
      ['05_normalized', expect.any(Number)],
      ['processes_total', 500],
    ]);
  });

  it('collect --json into a pipe read slowly keeps every line (the exit waits for stdout to drain)', async () => {
    const dir = tempDir('hostproc-many');
    // 3,000 interfaces: about 6,000 lines on the second run, far more than a pipe's 64 KB buffer.
    const netDev = (bytes: number): string =>
      'Inter-|   Receive |  Transmit\n face |bytes packets errs drop fifo frame compressed multicast|bytes packets errs drop fifo colls carrier compressed\n' +
      Array.from({ length: 3000 }, (_, i) => `  eth${i}: ${bytes} 10 0 0 0 0 0 0 ${bytes} 10 0 0 0 0 0 0\n`).join('');
    mkdirSync(path.join(dir, 'net'));
    writeConfig(path.join(dir, 'net'), netDev(1000), 'dev');
    const { code, stdout } = await runCli(['collect', 'network', '--json', '--runs', '2', '--interval', '0.2'], { env: { HOST_PROC: dir }, readAfterMs: 1500 });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5000);
    expect(() => lines.map((l) => JSON.parse(l) as unknown)).not.toThrow();
  });

  it('collect on an idle disk says why nothing was published, not only that nothing was', async () => {
    const dir = tempDir('idle-disk');
    writeConfig(dir, ' 253       0 vda 100 0 2000 50 200 0 4000 80 0 120 130 0 0 0 0 0 0\n', 'diskstats');
    const { code, stdout, stderr } = await runCli(['collect', 'diskusage', '--runs', '2', '--interval', '0.2'], { env: { HOST_PROC: dir } });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('spinel: run 1: nothing published yet (rates need a previous run)');
    expect(stderr).toContain(
      'spinel: run 2: nothing published; the collector said: 1 device(s) did no I/O this interval and are not published (send_zero: false): vda',
    );
  });

  it("--help after a command prints that command's usage (run, its alias start, collect, config)", async () => {
    for (const [args, first, absent] of [
      [['run', '--help'], '  spinel run [--config FILE]', 'spinel collect'],
      [['start', '-h'], '  spinel run [--config FILE]', 'spinel soak'],
      [['collect', 'cpu', '--help'], '  spinel collect <name> [options]', 'spinel run'],
      [['config', 'check', '-h'], '  spinel config check [FILE]', 'spinel status'],
    ] as const) {
      const { code, stdout } = await runCli([...args]);
      expect(code).toBe(0);
      expect(stdout.split('\n').slice(0, 2)).toEqual(['Usage:', expect.stringContaining(first)]);
      expect(stdout).not.toContain(absent);
    }
  });

  it('collect --json into a reader that leaves early (| head -1) stops quietly with exit 0, as cat does', () => {
    const dir = tempDir('hostproc-epipe');
    mkdirSync(path.join(dir, 'net'));
    writeConfig(
      path.join(dir, 'net'),
      `Inter-|\n face |\n${Array.from({ length: 3000 }, (_, i) => `  eth${i}: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0\n`).join('')}`,
      'dev',
    );
    const piped = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${CLI}" collect network --json --runs 2 --interval 0.2 | head -1`], {
      env: { ...process.env, HOST_PROC: dir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout) as { collector: string }).toMatchObject({ collector: 'network' });
  });

  it('collect runs a plugin given by path', async () => {
    const { code, stdout } = await runCli(['collect', path.join(FIXTURES, 'plugins', 'tick-collector.mjs'), '--json', '--set', 'step=5']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toMatchObject({ name: 'runs', value: 5, type: 'counter' });
  });

  it('collect reads `.`, a path and an installed package name as plugin check does, and names the plugin', async () => {
    const pkg = path.join(FIXTURES, 'packages', 'tick-package');
    const here = await runCli(['collect', '.', '--json', '--set', 'step=3'], { cwd: pkg });
    expect(here.code).toBe(0);
    expect(JSON.parse(here.stdout.trim())).toMatchObject({ name: 'runs', value: 3, key: 'spinel_collector_tick' });
    const project = tempDir('collect-package');
    mkdirSync(path.join(project, 'node_modules', '@acme'), { recursive: true });
    symlinkSync(pkg, path.join(project, 'node_modules', '@acme', 'spinel-collector-tick'));
    const installed = await runCli(['collect', '@acme/spinel-collector-tick', '--json'], { cwd: project });
    expect(installed.code).toBe(0);
    expect(JSON.parse(installed.stdout.trim())).toMatchObject({ name: 'runs', key: 'spinel_collector_tick' });
    const missing = await runCli(['collect', 'spinel-collector-nothing'], { cwd: project });
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain('collectors.spinel_collector_nothing.plugin');
    expect(missing.stderr).toContain('package spinel-collector-nothing is not installed');
  });

  it('config check accepts the embedded default and names what it will run', async () => {
    const { code, stdout } = await runCli(['config', 'check']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '<embedded default config>: ok (collectors: cpu, memory, loadavg, vmstat, diskspace, diskusage, network; handlers: console, archive)',
    );
  });

  it('config check lists every error with file, key, expected and found, and exits 78', async () => {
    const dir = tempDir('check');
    const file = writeConfig(
      dir,
      'agent:\n  path_prefix: 5\ncollectors:\n  cpu: { percore: sometimes, interval: fast }\n  nosuch: {}\nhandlers:\n  archive: { path: [a] }\n',
      'bad.yaml',
    );
    const { code, stderr } = await runCli(['config', 'check', file]);
    expect(code).toBe(78);
    expect(stderr).toContain(`${file}: collectors.cpu.interval: expected number >= 0.05, found "fast"`);
    expect(stderr).toContain(`${file}: collectors.cpu.percore: expected boolean (true or false), found "sometimes"`);
    expect(stderr).toContain(`${file}: handlers.archive.path: expected string, found a list (1 items)`);
    expect(stderr).toContain(`${file}: collectors.nosuch: expected an installed plugin @spinel/collector-nosuch`);
    expect(stderr).toContain('spinel: 4 config errors; nothing was started');
  });

  it('config check on a missing file says so and exits 78', async () => {
    const { code, stderr } = await runCli(['config', 'check', '/nonexistent/spinel.yaml']);
    expect(code).toBe(78);
    expect(stderr).toContain('/nonexistent/spinel.yaml: (file): expected a readable YAML or JSON config file of at most 1048576 bytes, found no such file');
  });

  it('run refuses a bad config with exit 78 before starting anything', async () => {
    const dir = tempDir('badrun');
    const file = writeConfig(dir, 'handlers:\n  nosuch: {}\n');
    const { code, stderr } = await runCli(['run', '--config', file]);
    expect(code).toBe(78);
    expect(stderr).toContain('handlers.nosuch: expected an installed plugin @spinel/handler-nosuch');
  });

  it('config print shows the merged effective config', async () => {
    const { code, stdout } = await runCli(['config', 'print']);
    expect(code).toBe(0);
    expect(stdout).toContain('plugin: "@spinel/collector-cpu"');
    expect(stdout).toMatch(/percore: true/);
    expect(stdout).toMatch(/interval: 5/);
    expect(stdout).toMatch(/worker: system/);
  });

  it('an unknown command is a usage error', async () => {
    const { code, stderr } = await runCli(['frobnicate']);
    expect(code).toBe(64);
    expect(stderr).toContain('spinel: unknown command "frobnicate" (see spinel --help)');
  });
});

describe('spinel soak', () => {
  it('runs one collector against the live host, measures after the warm-up, and exits by its verdict', async () => {
    const { code, stdout } = await runCli(['soak', 'loadavg', '--minutes', '0.05', '--interval', '0.1']);
    expect(stdout).toContain('soaking collector loadavg against the live host for 0.05 min: 10 warm-up rounds not measured, then 20 rounds every 0.1 s');
    expect(stdout).toMatch(/round +1\/20 +heap after GC \d+\.\d\d MB/);
    expect(stdout).toMatch(/retained heap: [\d.]+ MB -> [\d.]+ MB over 20 rounds; slope -?\d+ bytes\/round/);
    const verdict = /verdict: (flat|SUSPECTED LEAK)/.exec(stdout)?.[1];
    expect(code).toBe(verdict === 'flat' ? 0 : 1);
  });

  it('soaks a handler with new distinct series every round', async () => {
    const dir = tempDir('soak');
    const file = writeConfig(dir, `handlers:\n  archive: { path: ${path.join(dir, 'soak.log')} }\n`);
    const { stdout } = await runCli(['soak', 'archive', '--handler', '--config', file, '--minutes', '0.05', '--interval', '0.1']);
    expect(stdout).toContain('soaking handler archive for 0.05 min: 10 warm-up rounds not measured, then 20 rounds of 100 new series, every 0.1 s');
    // 20 measured rounds are too few for a verdict to mean much; the 200-round leak tests judge.
    expect(stdout).toMatch(/verdict: (flat|SUSPECTED LEAK)/);
    expect(readFileSync(path.join(dir, 'soak.log'), 'utf8')).toContain('servers.soak.synthetic.series29_99 99 ');
  });

  it('exits 1 on a plugin that keeps every series it saw, named by its path, with --set options', async () => {
    const { code, stdout } = await runCli(['soak', path.join(FIXTURES, 'plugins', 'leaky-collector.mjs'), '--minutes', '0.05', '--interval', '0.1']);
    expect(stdout).toContain('soaking collector leaky_collector against the live host');
    expect(stdout).toContain('verdict: SUSPECTED LEAK');
    expect(code).toBe(1);
    const set = await runCli(['soak', 'cpu', '--set', 'percore=maybe', '--minutes', '0.05']);
    expect(set.code).toBe(78);
    expect(set.stderr).toContain('collectors.cpu.percore');
  });

  it('rejects an unknown flag as a usage error', async () => {
    const { code, stderr } = await runCli(['soak', 'cpu', '--bogus']);
    expect(code).toBe(64);
    expect(stderr).toContain("spinel: Unknown option '--bogus' (see spinel --help)");
  });

  it("config check runs each plugin's cross-option rules (validate) and names the keys", async () => {
    const dir = tempDir('validate');
    const file = writeConfig(
      dir,
      `handlers:
  influxdb: { api: v2, org: acme, templates: { cpu: "field*.host" } }
`,
    );
    const { code, stderr } = await runCli(['config', 'check', file]);
    expect(code).toBe(78);
    expect(stderr).toContain(
      `${file}: handlers.influxdb.templates.cpu: expected a label template (measurement, field, _, a label name; a star on the last), found "field*.host": \`field*\` must be the last segment`,
    );
    const fixed = writeConfig(dir, 'handlers:\n  influxdb: { api: v2, org: acme }\n', 'v2.yaml');
    const second = await runCli(['config', 'check', fixed]);
    expect(second.code).toBe(78);
    expect(second.stderr).toContain(`${fixed}: handlers.influxdb.bucket: expected a value with api: v2, found none`);
    expect(second.stderr).toContain(`${fixed}: handlers.influxdb.token: expected a value with api: v2, found none`);
  });
});
