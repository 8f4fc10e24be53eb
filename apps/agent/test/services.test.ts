// The service collectors as an operator first meets them: `spinel collect <name>` with no
// options against the servers this machine runs (Redis on 127.0.0.1:6379, PostgreSQL on 5432,
// MariaDB on 3306), or its own.
import { describe, expect, it } from 'vitest';
import { listening } from '../../../tooling/services/process.mjs';
import { haveMemcached, startMemcached } from '../../../tooling/services/memcached.mjs';
import { runCli } from './helpers.js';

const machineRedis = await listening(6379);
const machinePostgres = await listening(5432);
const machineMysql = await listening(3306);
if (!machineMysql) console.log('services: nothing listens on 127.0.0.1:3306, so `spinel collect mysql` with no options is not tried');
if (!machinePostgres) console.log('services: nothing listens on 127.0.0.1:5432, so `spinel collect postgres` with no options is not tried');
if (!haveMemcached) console.log('services: memcached is not installed (apt-get install memcached; .ci/run does), so `spinel collect memcached` is not tried');
if (!machineRedis) console.log('services: nothing listens on 127.0.0.1:6379, so `spinel collect redis` with no options is not tried');

interface Line {
  name: string;
  path: string;
  value: number;
  type: string;
}

const lines = (stdout: string): Line[] => stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);

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
      const { code, stdout } = await runCli(['collect', 'memcached', '--runs', '2', '--interval', '0.5', '--json', '--set', `hosts=cache@127.0.0.1:${server.port}`]);
      expect(code).toBe(0);
      const samples = lines(stdout);
      expect(samples.find((s) => s.name === 'cache.threads')?.value).toBeGreaterThan(0);
      expect(samples.find((s) => s.name === 'cache.cmd_get')?.type).toBe('rate');
    } finally {
      await server.stop();
    }
  });

  it.skipIf(!machinePostgres)('spinel collect postgres reads the local PostgreSQL with no options but the database filter', async () => {
    const { code, stdout } = await runCli(['collect', 'postgres', '--runs', '2', '--interval', '0.5', '--json', '--set', 'databases=^test$']);
    expect(code).toBe(0);
    const samples = lines(stdout);
    expect(samples.find((s) => s.name === 'database.test.size')?.value).toBeGreaterThan(0);
    expect(samples.find((s) => s.name === 'database.test.xact_commit')?.type).toBe('rate');
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

  it('a server that is down fails the run with its address and exits non-zero', async () => {
    const { code, stderr } = await runCli(['collect', 'redis', '--json', '--set', 'port=1', '--set', 'host=127.0.0.1']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('cannot connect to redis at 127.0.0.1:1: ECONNREFUSED');
  });
});
