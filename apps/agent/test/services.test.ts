// The service collectors as an operator first meets them: `spinel collect <name>` with no
// options against the servers this machine runs (Redis on 127.0.0.1:6379, PostgreSQL on 5432,
// MariaDB on 3306), or its own.
import dgram from 'node:dgram';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, listening } from '../../../tooling/services/process.mjs';
import { haveMemcached, startMemcached } from '../../../tooling/services/memcached.mjs';
import { haveNginx, startNginx } from '../../../tooling/services/nginx.mjs';
import { archiveLines, lastValue, runCli, sleep, startAgent, tempDir, waitFor, writeConfig } from './helpers.js';

const machineRedis = await listening(6379);
const machinePostgres = await listening(5432);
const machineMysql = await listening(3306);
if (!machineMysql) console.log('services: nothing listens on 127.0.0.1:3306, so `spinel collect mysql` with no options is not tried');
if (!machinePostgres) console.log('services: nothing listens on 127.0.0.1:5432, so `spinel collect postgres` with no options is not tried');
if (!haveMemcached) console.log('services: memcached is not installed (apt-get install memcached; .ci/run does), so `spinel collect memcached` is not tried');
if (!haveNginx) console.log('services: nginx is not installed (apt-get install nginx-light; .ci/run does), so `spinel collect nginx` is not tried');
if (!machineRedis) console.log('services: nothing listens on 127.0.0.1:6379, so `spinel collect redis` with no options is not tried');

interface Line {
  name: string;
  path: string;
  value: number;
  type: string;
}

const lines = (stdout: string): Line[] =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);

describe('service collectors from the CLI', () => {
  it.skipIf(!machineRedis)('spinel collect redis --runs 2 reads the local Redis with no options', async () => {
    const { code, stdout, stderr } = await runCli(['collect', 'redis', '--runs', '2', '--interval', '0.5', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const samples = lines(stdout);
    expect(samples.find((s) => s.name === '6379.clients.connected')?.value).toBeGreaterThan(0);
    expect(samples.find((s) => s.name === '6379.memory.internal_view')?.path).toMatch(/^servers\.[^.]+\.redis\.6379\.memory\.internal_view$/);
  });

  it.skipIf(!haveMemcached)('spinel collect memcached reads a server named in --set hosts=..., rates from the second run', async () => {
    const server = await startMemcached();
    try {
      const { code, stdout } = await runCli([
        'collect',
        'memcached',
        '--runs',
        '2',
        '--interval',
        '0.5',
        '--json',
        '--set',
        `hosts=cache@127.0.0.1:${server.port}`,
      ]);
      expect(code).toBe(0);
      const samples = lines(stdout);
      expect(samples.find((s) => s.name === 'cache.threads')?.value).toBeGreaterThan(0);
      expect(samples.find((s) => s.name === 'cache.cmd_get')?.type).toBe('rate');
    } finally {
      await server.stop();
    }
  });

  it.skipIf(!machinePostgres)('spinel collect postgres reads the local PostgreSQL with no options but the database filter', async () => {
    const { code, stdout } = await runCli([
      'collect',
      'postgres',
      '--runs',
      '2',
      '--interval',
      '0.5',
      '--json',
      '--set',
      'databases=^test$',
      '--set',
      'rates=true',
    ]);
    expect(code).toBe(0);
    const samples = lines(stdout);
    expect(samples.find((s) => s.name === 'database.test.size')?.value).toBeGreaterThan(0);
    // Diamond's name, Diamond's meaning: the running total; its rate only with rates, under another name.
    expect(samples.find((s) => s.name === 'database.test.xact_commit')?.type).toBe('counter');
    expect(samples.find((s) => s.name === 'database.test.xact_commit_per_second')?.type).toBe('rate');
  });

  it.skipIf(!machineMysql)('spinel collect mysql --runs 2 reads the local MariaDB with no options', async () => {
    const { code, stdout, stderr } = await runCli(['collect', 'mysql', '--runs', '2', '--interval', '0.5', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const samples = lines(stdout);
    expect(samples.find((s) => s.name === 'Threads_connected')?.path).toMatch(/^servers\.[^.]+\.mysql\.Threads_connected$/);
    expect(samples.find((s) => s.name === 'Questions')?.type).toBe('rate');
    expect(samples.find((s) => s.name === 'variables.max_connections')?.value).toBeGreaterThan(0);
  });

  it.skipIf(!haveNginx)('spinel collect nginx reads a stub_status page named with --set', async () => {
    const nginx = await startNginx();
    try {
      const { code, stdout } = await runCli([
        'collect',
        'nginx',
        '--runs',
        '2',
        '--interval',
        '0.5',
        '--json',
        '--set',
        'req_host=127.0.0.1',
        '--set',
        `req_port=${nginx.port}`,
      ]);
      expect(code).toBe(0);
      const samples = lines(stdout);
      expect(samples.find((s) => s.name === 'active_connections')?.value).toBeGreaterThanOrEqual(1);
      expect(samples.find((s) => s.name === 'req_handled')?.type).toBe('rate');
    } finally {
      await nginx.stop();
    }
  });

  it('spinel run with the statsd listener: what an application sends lands in the archive as counts, rates and gauges', async () => {
    const dir = tempDir('statsd-run');
    const archive = path.join(dir, 'archive.log');
    const port = await freePort();
    const config = writeConfig(
      dir,
      `agent: { hostname: testhost, telemetry: false }\ncollectors:\n  statsd: { port: ${port}, interval: 1, splay: 0 }\nhandlers:\n  archive: { path: ${archive} }\n`,
    );
    const agent = startAgent(config, dir);
    try {
      await waitFor(() => archiveLines(archive).some(([p]) => p === 'servers.testhost.statsd._listener.lines'), 15_000, 'the listener flushing');
      const client = dgram.createSocket('udp4');
      for (let i = 0; i < 4; i++) {
        const datagram = [...Array.from({ length: 10 }, () => 'checkout.orders:1|c'), 'checkout.queue:7|g', 'checkout.latency:25|ms'].join('\n');
        await new Promise<void>((resolve) => client.send(datagram, port, '127.0.0.1', () => resolve()));
      }
      client.close();
      await waitFor(() => lastValue(archiveLines(archive), 'servers.testhost.statsd.checkout.queue') === 7, 10_000, 'the gauge in the archive');
      await sleep(1200); // one more flush
    } finally {
      expect(await agent.stop('SIGTERM')).toBe(0);
    }
    const written = archiveLines(archive);
    const total = (metric: string): number => written.filter(([p]) => p === `servers.testhost.statsd.${metric}`).reduce((sum, [, v]) => sum + v, 0);
    expect(total('checkout.orders.count')).toBe(40);
    expect(total('checkout.latency.count')).toBe(4);
    expect(total('_listener.lines')).toBe(48);
    expect(lastValue(written, 'servers.testhost.statsd.checkout.latency.p90')).toBe(25);
  }, 40_000);

  it('a server that is down fails the run with its address and exits non-zero', async () => {
    const { code, stderr } = await runCli(['collect', 'redis', '--json', '--set', 'port=1', '--set', 'host=127.0.0.1']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('cannot connect to redis at 127.0.0.1:1: ECONNREFUSED');
  });
});
