// `spinel config import`: Diamond and Metricly agent configs (fixtures written for these tests in
// their formats) imported, checked with `spinel config check`, and run against local servers.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import dgram from 'node:dgram';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from '../../../tooling/services/process.mjs';
import { archiveLines, FIXTURES, lineSink, runCli, sleep, startAgent, tempDir, waitFor } from './helpers.js';

/** Copies a fixture folder, filling its placeholders (ARCHIVE_PATH, GRAPHITE_PORT, ...). */
function fixture(name: string, fill: Record<string, string>): string {
  const dir = tempDir(`import-${name}`);
  cpSync(path.join(FIXTURES, 'diamond', name), dir, { recursive: true });
  const walk = (d: string): void => {
    for (const entry of readdirSync(d)) {
      const file = path.join(d, entry);
      if (statSync(file).isDirectory()) walk(file);
      else
        writeFileSync(
          file,
          Object.entries(fill).reduce((text, [k, v]) => text.replaceAll(k, v), readFileSync(file, 'utf8')),
        );
    }
  };
  walk(dir);
  return dir;
}

describe('spinel config import', () => {
  it('a packaged Diamond config: handlers, collectors, [[default]]; logging and daemon settings listed; the result checks and runs', async () => {
    const sink = await lineSink();
    const dir = fixture('defaults', { GRAPHITE_PORT: String(sink.port), ARCHIVE_PATH: 'archive.log' });
    const out = path.join(dir, 'spinel.yaml');
    const imported = await runCli(['config', 'import', path.join(dir, 'diamond.conf'), '--out', out]);
    expect(imported.code).toBe(3); // written, with parts that had no counterpart
    const config = parse(readFileSync(out, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(config).toEqual({
      agent: { hostname: 'importhost', path_prefix: 'servers' },
      collectors: { defaults: { interval: 1, splay: 0 }, cpu: { percore: false }, memory: {}, loadavg: {} },
      handlers: { graphite: { host: '127.0.0.1', port: sink.port, timeout: 15, batch: 1 }, archive: { path: 'archive.log', days: 7 } },
    });
    const stderr = imported.stderr;
    const listed = stderr
      .trim()
      .split('\n')
      .map((line) => line.replace(/^spinel: not imported: .*diamond\.conf:/, ''));
    expect(listed).toEqual([
      '4 [server] user: a daemon setting; run Spinel as the user it should be',
      '5 [server] group: a daemon setting; run Spinel with the group it should have',
      '6 [server] pid_file: a daemon setting; run Spinel under systemd or in a container',
      '7 [server] collectors_path: where Diamond looked for collector classes; Spinel loads plugins as packages',
      "8 [server] metric_queue_size: Diamond's in-process queue; Spinel's delivery core bounds queues with max_queue_samples",
      '11 [handlers] keys: Python logging handlers; Spinel logs to stderr',
      '46 [loggers]: Python logging configuration; Spinel logs to stderr at agent.log_level',
      '49 [logger_root]: Python logging configuration; Spinel logs to stderr at agent.log_level',
    ]);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Imported by `spinel config import` from .*diamond\.conf\.\n# Not imported/);
    expect((await runCli(['config', 'check', out])).code).toBe(0);

    const agent = startAgent(out, dir);
    try {
      await waitFor(() => sink.lines.some((l) => l.startsWith('servers.importhost.cpu.total.user ')), 15_000, 'cpu lines at the graphite sink');
    } finally {
      expect(await agent.stop()).toBe(0);
      sink.close();
    }
    expect(archiveLines(path.join(dir, 'archive.log')).some(([p]) => p.startsWith('servers.importhost.memory.'))).toBe(true);
  }, 40_000);

  it('a Metricly agent: NetuitiveHandler to metricly, its [[[statsd]]] to the statsd listener, the docker collector; the backlog settings listed', async () => {
    const statsdPort = await freePort();
    const dir = fixture('metricly', { METRICLY_URL: 'http://127.0.0.1:9/ingest', STATSD_PORT: String(statsdPort) });
    const imported = await runCli(['config', 'import', path.join(dir, 'netuitive-agent.conf')], { cwd: dir });
    expect(imported.code).toBe(3);
    const config = parse(imported.stdout) as Record<string, Record<string, unknown>>;
    // The API key is not in the config: it is a reference, its value in ./spinel.env (mode 0600).
    expect(config.handlers).toEqual({ metricly: { url: 'http://127.0.0.1:9/ingest', api_key: '${SPINEL_METRICLY_API_KEY}', tags: ['env:test'] } });
    expect(readFileSync(path.join(dir, 'spinel.env'), 'utf8')).toContain('\nSPINEL_METRICLY_API_KEY=0123456789abcdef0123456789abcdef\n');
    expect(statSync(path.join(dir, 'spinel.env')).mode & 0o777).toBe(0o600);
    expect(imported.stdout).not.toContain('0123456789abcdef');
    expect(config.collectors).toEqual({
      defaults: { interval: 1, splay: 0 },
      statsd: { listen: '127.0.0.1', port: statsdPort },
      cpu: { include_cpu_pct: true },
      diskspace: { simple: true },
      network: { interfaces: ['eth', 'wl'] },
      docker: { naming: 'metricly', path: 'containers', simple: true, uptime: true },
    });
    // Metricly bills per series: the agent's own ~130 series are not sent to it.
    expect(config.agent).toEqual({ hostname_method: 'smart', telemetry: false });
    expect(imported.stderr).toContain('spinel: agent.telemetry is off: metricly bills per series');
    expect(imported.stderr).toContain("[handlers] [[NetuitiveHandler]] max_backlog_multiplier: Diamond's handler backlog");

    // The listener it configured takes what a Metricly agent's StatsD clients send.
    const out = path.join(dir, 'spinel.yaml');
    writeFileSync(out, imported.stdout.replace(/handlers:\n(?: {2}.*\n?)+/, `handlers:\n  archive: { path: ${path.join(dir, 'archive.log')} }\n`));
    expect((await runCli(['config', 'check', out])).code).toBe(0);
    const agent = startAgent(out, dir);
    try {
      const archive = path.join(dir, 'archive.log');
      await waitFor(() => archiveLines(archive).some(([p]) => p.endsWith('.statsd._listener.lines')), 15_000, 'the statsd listener flushing');
      const client = dgram.createSocket('udp4');
      await new Promise<void>((resolve) => client.send('imported.checks:3|c', statsdPort, '127.0.0.1', () => resolve()));
      client.close();
      await waitFor(() => archiveLines(archive).some(([p, v]) => p.endsWith('.statsd.imported.checks.count') && v === 3), 10_000, 'the counter in the archive');
      // The docker collector, against the engine .ci/run starts, under the Metricly agent's paths.
      await waitFor(
        () => archiveLines(archive).some(([p]) => /^servers\..+\.containers\.counts\.running$/.test(p)),
        10_000,
        'containers.counts.running in the archive',
      );
    } finally {
      expect(await agent.stop()).toBe(0);
    }
  }, 40_000);

  it('collectors_config_path and handlers_config_path folders are merged as Diamond merges them', async () => {
    const sink = await lineSink();
    const dir = fixture('confdir', { GRAPHITE_PORT: String(sink.port), ARCHIVE_PATH: 'archive.log' });
    const out = path.join(dir, 'spinel.yaml');
    const imported = await runCli(['config', 'import', path.join(dir, 'diamond.conf'), '--out', out]);
    sink.close();
    expect(imported.stderr).toBe(
      `spinel: Secrets are references to environment variables; their values are in ${path.join(dir, 'spinel.env')} (mode 0600): systemd EnvironmentFile=${path.join(dir, 'spinel.env')}, or docker run --env-file ${path.join(dir, 'spinel.env')}.\n`,
    );
    expect(imported.code).toBe(0);
    const config = parse(readFileSync(out, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(config.collectors).toEqual({ defaults: { interval: 1, splay: 0 }, loadavg: {}, network: { interfaces: ['lo'] } });
    expect(config.handlers).toEqual({
      graphite: { host: '127.0.0.1', port: sink.port },
      archive: { path: 'archive.log' },
      // hostname, port and ssl become one url; time_precision is precision; 0.9 writes the v1 line protocol.
      influxdb: {
        url: 'http://127.0.0.1:8086',
        api: 'v1',
        username: 'diamond',
        password: '${SPINEL_INFLUXDB_PASSWORD}',
        database: 'diamond',
        batch_size: 50,
        precision: 's',
      },
    });
    expect(readFileSync(out, 'utf8')).toContain('(and 4 files it includes)');
    expect((await runCli(['config', 'check', out])).code).toBe(78); // the password is not in the environment
    expect((await runCli(['config', 'check', out], { env: { SPINEL_INFLUXDB_PASSWORD: 's3cret' } })).code).toBe(0);
  });

  it('collectors and handlers without a counterpart, and values Spinel refuses, are listed and left out; the rest still checks', async () => {
    const dir = fixture('unknown', { ARCHIVE_PATH: 'archive.log' });
    const out = path.join(dir, 'spinel.yaml');
    const imported = await runCli(['config', 'import', path.join(dir, 'diamond.conf'), '--out', out]);
    expect(imported.code).toBe(3);
    const config = parse(readFileSync(out, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(config.collectors).toEqual({ defaults: { interval: 1, splay: 0 }, cpu: { simple: true } });
    expect(config.handlers).toEqual({ archive: { path: 'archive.log' } });
    const stderr = imported.stderr;
    expect(stderr).toContain('[server] handlers: HostedGraphiteHandler: no Spinel handler does what this one does');
    expect(stderr).toContain('[collectors] [[OpenVPNCollector]]: no Spinel collector does what this one does');
    expect(stderr).toContain('[collectors] [[CPUCollector]] derivative: the Spinel collector cpu has no option derivative');
    expect(stderr).toMatch(/collectors\.cpu\.percore \(from .*diamond\.conf\): Spinel expects boolean.*"maybe"/);
    expect((await runCli(['config', 'check', out])).code).toBe(0);
  });

  it('refuses at once what is not a regular config file (a FIFO, a device, a file past 1 MB), and lists what Diamond would not read', async () => {
    const dir = tempDir('import-hostile');
    const fifo = path.join(dir, 'fifo.conf');
    execFileSync('mkfifo', [fifo]);
    const fromFifo = await runCli(['config', 'import', fifo], { timeoutMs: 10_000 });
    expect(fromFifo.stderr).toBe(`spinel: ${fifo}: expected a regular file, found a FIFO\n`);
    expect(fromFifo.code).toBe(78);
    const fromZero = await runCli(['config', 'import', '/dev/zero'], { timeoutMs: 10_000 });
    expect(fromZero.stderr).toBe('spinel: /dev/zero: expected a regular file, found a device\n');
    const big = path.join(dir, 'big.conf');
    writeFileSync(big, `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const fromBig = await runCli(['config', 'import', big]);
    expect(fromBig.stderr).toContain(`spinel: ${big}: expected a config of at most 1048576 bytes, found 2097155 bytes`);
    // A FIFO in collectors_config_path is refused too, naming it, instead of blocking the import.
    mkdirSync(path.join(dir, 'collectors'));
    execFileSync('mkfifo', [path.join(dir, 'collectors', 'CPUCollector.conf')]);
    const main = path.join(dir, 'diamond.conf');
    writeFileSync(
      main,
      '[server]\nhandlers = diamond.handler.archive.ArchiveHandler\ncollectors_config_path = collectors\n[[nested]]\na = 1\n[handlers]\n[[ArchiveHandler]]\nlog_file = a.log\n[configs]\nfoo = 1\n',
    );
    const withFifo = await runCli(['config', 'import', main], { timeoutMs: 10_000 });
    expect(withFifo.stderr).toContain(`${path.join(dir, 'collectors', 'CPUCollector.conf')}: expected a regular file, found a FIFO`);
    rmSync(path.join(dir, 'collectors', 'CPUCollector.conf'));
    const nested = await runCli(['config', 'import', main]);
    expect(nested.code).toBe(3);
    expect(nested.stderr).toContain('diamond.conf:4 [server] [[nested]]: a subsection Diamond does not read');
    expect(nested.stderr).toContain('diamond.conf:10 [configs] foo: Diamond reads only path and extension here');
    // A file that is not a config is quoted in a short excerpt, never a whole line.
    const shadow = path.join(dir, 'shadow');
    writeFileSync(shadow, 'root:$y$j9T$SALTSALTSALT$HASHHASHHASHHASHHASH:19000:0:99999:7:::\n');
    const fromShadow = await runCli(['config', 'import', shadow]);
    expect(fromShadow.stderr).toBe(`spinel: ${shadow}:1: expected \`key = value\` or a [section], found: root:$y$j9T$SALTSALTSAL…\n`);
  });

  it('notes a collector whose interval is shorter than its own request timeout', async () => {
    const dir = tempDir('import-interval');
    writeFileSync(
      path.join(dir, 'diamond.conf'),
      '[server]\nhandlers = diamond.handler.archive.ArchiveHandler\n[handlers]\n[[ArchiveHandler]]\nlog_file = a.log\n[collectors]\n[[default]]\ninterval = 1\n[[RedisCollector]]\nenabled = True\n[[CPUCollector]]\nenabled = True\n',
    );
    const imported = await runCli(['config', 'import', path.join(dir, 'diamond.conf')], { cwd: dir });
    expect(imported.code).toBe(0);
    const note =
      "collectors.redis: interval 1 s is shorter than its socket_timeout (5 s): a slow server's run is cut at the interval; raise interval or lower socket_timeout.";
    expect(imported.stderr).toBe(`spinel: ${note}\n`);
    expect(imported.stdout).toContain(`# ${note}`);
  });

  it('a file that is not ConfigObj, or missing, is a config error naming file and line', async () => {
    const dir = tempDir('import-bad');
    writeFileSync(path.join(dir, 'diamond.conf'), '[server]\nhandlers diamond.handler.archive.ArchiveHandler\n');
    const bad = await runCli(['config', 'import', path.join(dir, 'diamond.conf')]);
    expect(bad.code).toBe(78);
    expect(bad.stderr).toBe(`spinel: ${path.join(dir, 'diamond.conf')}:2: expected \`key = value\` or a [section], found: handlers diamond.handle…\n`);
    writeFileSync(
      path.join(dir, 'ref.conf'),
      '[server]\nhandlers = diamond.handler.archive.ArchiveHandler\n[handlers]\n[[ArchiveHandler]]\nlog_file = %(logdir)s/archive.log\n',
    );
    const unresolved = await runCli(['config', 'import', path.join(dir, 'ref.conf')]);
    expect(unresolved.code).toBe(78);
    expect(unresolved.stderr).toBe(
      `spinel: ${path.join(dir, 'ref.conf')}:5: log_file: %(logdir)s names no value in this section or above it (ConfigObj's interpolation, which Diamond reads values through)\n`,
    );
    const missing = await runCli(['config', 'import', path.join(dir, 'nope.conf')]);
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain('nope.conf: cannot read (ENOENT)');
    await sleep(0);
  });
});
