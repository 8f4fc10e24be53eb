import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  diamondContainerSamples,
  metriclyContainerName,
  metriclyMinimalSamples,
  metriclySamples,
  parseProcCgroup,
  parseStatsJson,
  readCgroupUsage,
  type MetriclyStats,
  type StatsJson,
} from '@spinel/collector-docker';

// The collector's parsing from recorded files, no engine needed: cgroup v2 and v1 trees (as the
// kernel lays them out under /proc/<pid>/cgroup and /sys/fs/cgroup) and a stats-API answer.
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const roots = (tree: string) => ({
  procfs: (...s: string[]) => path.join(FIXTURES, tree, 'proc', ...s),
  sysfs: (...s: string[]) => path.join(FIXTURES, tree, 'sys', ...s),
});
const signal = new AbortController().signal;

describe("Diamond's DockerCollector names (naming: diamond)", () => {
  // Diamond's testdocker_collector.py: every METRICS path is found in example.stat and none in
  // example_empty.stat (both fixtures copied from python-diamond/Diamond's test folder).
  const stat = (file: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, 'diamond', file), 'utf8'));

  it('test_docker_stats_output_parse: every Diamond metric from example.stat, raw, under containers.<name>', () => {
    expect(Object.fromEntries(diamondContainerSamples(['/web'], stat('example.stat')).map((s) => [s.name, s.value]))).toEqual({
      'containers.web.RSS_byte': expect.any(Number),
      'containers.web.cache_byte': expect.any(Number),
      'containers.web.swap_byte': expect.any(Number),
      'containers.web.pagein_count': expect.any(Number),
      'containers.web.pageout_count': expect.any(Number),
      'containers.web.cpu.total': 131435455248,
      'containers.web.cpu.kernelmode': 6980000000,
      'containers.web.cpu.usermode': 17010000000,
      'containers.web.cpu.system': 1028050080000000,
    });
  });

  it('test_docker_stats_output_parse_fail: nothing from example_empty.stat', () => {
    expect(diamondContainerSamples(['/web'], stat('example_empty.stat'))).toEqual([]);
  });
});

describe('docker collector parsing from fixtures', () => {
  it('maps /proc/<pid>/cgroup lines to controllers, v2 as the empty name', () => {
    const paths = parseProcCgroup(readFileSync(path.join(FIXTURES, 'v1', 'proc', '777', 'cgroup'), 'utf8'));
    expect(Object.fromEntries(paths)).toEqual({
      blkio: '/docker/def456',
      memory: '/docker/def456',
      cpu: '/docker/def456',
      cpuacct: '/docker/def456',
      systemd: '/docker/def456',
      '': '/system.slice/containerd.service',
    });
  });

  it('reads a cgroup v2 container: usec to ns, anon/file memory, io.stat summed over devices', async () => {
    const { procfs, sysfs } = roots('v2');
    expect(await readCgroupUsage(procfs, sysfs, 4242, signal)).toEqual({
      cpuTotalNs: 5_000_000_000,
      cpuUserNs: 3_000_000_000,
      cpuSystemNs: 2_000_000_000,
      periods: 120,
      throttledPeriods: 7,
      throttledNs: 350_000_000,
      memoryUsage: 67_108_864,
      memoryLimit: 134_217_728,
      memoryRss: 41_943_040,
      memoryCache: 20_971_520,
      memoryInactiveFile: 4_194_304,
      blkReadBytes: 5096,
      blkWriteBytes: 8192,
      blkReadOps: 3,
      blkWriteOps: 3,
    });
  });

  it('reads a cgroup v1 container: ticks to ns, total_* memory, no limit past 2^62, blkio summed without the Total line', async () => {
    const { procfs, sysfs } = roots('v1');
    expect(await readCgroupUsage(procfs, sysfs, 777, signal)).toEqual({
      cpuTotalNs: 9_876_543_210,
      cpuUserNs: 6_000_000_000,
      cpuSystemNs: 3_000_000_000,
      periods: 50,
      throttledPeriods: 5,
      throttledNs: 123_456_789,
      memoryUsage: 33_554_432,
      memoryLimit: undefined,
      memoryRss: 18_874_368,
      memoryCache: 10_485_760,
      memoryInactiveFile: 3_145_728,
      blkReadBytes: 11_264,
      blkWriteBytes: 20_480,
      blkReadOps: 6,
      blkWriteOps: 7,
    });
  });

  it('reads nothing for a process whose cgroup files are not visible', async () => {
    const { procfs, sysfs } = roots('v2');
    expect(await readCgroupUsage(procfs, sysfs, 9999, signal)).toBeUndefined();
  });

  it('parses a stats-API answer; a limit at the host memory or above is none', () => {
    const stats = JSON.parse(readFileSync(path.join(FIXTURES, 'stats-api-v2.json'), 'utf8')) as StatsJson;
    const { usage, networks } = parseStatsJson(stats, 8 * 1024 ** 3);
    expect(usage).toEqual({
      cpuTotalNs: 5_000_000_000,
      cpuUserNs: 3_000_000_000,
      cpuSystemNs: 2_000_000_000,
      periods: 120,
      throttledPeriods: 7,
      throttledNs: 350_000_000,
      memoryUsage: 67_108_864,
      memoryLimit: 134_217_728,
      memoryRss: 41_943_040,
      memoryCache: 20_971_520,
      memoryInactiveFile: 4_194_304,
      blkReadBytes: 5096,
      blkWriteBytes: 8192,
      blkReadOps: 0,
      blkWriteOps: 0,
    });
    expect(Object.fromEntries(networks)).toEqual({
      eth0: { rx_bytes: 1500, rx_packets: 10, rx_errors: 0, rx_dropped: 1, tx_bytes: 900, tx_packets: 6, tx_errors: 0, tx_dropped: 0 },
    });
    expect(parseStatsJson(stats, 128 * 1024 ** 2).usage.memoryLimit).toBeUndefined();
  });
});

describe("naming: metricly, against the Metricly agent's own test fixtures", () => {
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, 'metricly', name), 'utf8'));
  const stats = read('docker_container_stats.json') as MetriclyStats;
  const [listed] = read('docker_containers.json') as Array<{ Id: string; Names: string[] }>;
  const expected = read('expected.json') as { published: Record<string, number>; unpublished_in_simple_mode: Record<string, number> };
  const name = metriclyContainerName(listed?.Names ?? [], listed?.Id ?? '');
  const perContainer = Object.fromEntries(Object.entries(expected.published).filter(([k]) => !k.startsWith('counts.')));

  it('names the container as Metricly did, dots kept', () => {
    expect(name).toBe('acm.1.88j768jw74704kgc51jd96ajg');
    expect(metriclyContainerName(['/web/db', '/db'], 'x')).toBe('db');
  });

  it('publishes exactly the names and raw values its test expects', () => {
    const samples = metriclySamples(name, stats, false);
    expect(Object.fromEntries(samples.map((s) => [s.name, s.value]))).toEqual(perContainer);
    expect(samples.find((s) => s.name.endsWith('.cpu.cpu_usage.total_usage'))?.type).toBe('counter');
    expect(samples.find((s) => s.name.endsWith('.network.eth0.rx_bytes'))?.type).toBe('counter');
    expect(samples.find((s) => s.name.endsWith('.memory.usage'))?.type).toBe('gauge');
  });

  it('simple mode leaves out the non-total memory stats and per-CPU usage, and keeps the rest', () => {
    const names = new Set(metriclySamples(name, stats, true).map((s) => s.name));
    const dropped = Object.keys(expected.unpublished_in_simple_mode);
    expect(dropped.length).toBeGreaterThan(20);
    for (const n of dropped) expect(names.has(n)).toBe(false);
    expect(names).toEqual(new Set(Object.keys(perContainer).filter((n) => !dropped.includes(n))));
  });

  it('minimal mode: memory percent of the limit at once, CPU share of the host from the second reading', () => {
    expect(metriclyMinimalSamples(name, stats, undefined)).toEqual([
      { name: `${name}.netuitive.docker.memory.container_memory_percent`, value: (100 * 341712896) / 1073741824, type: 'gauge' },
    ]);
    // The fixture's precpu_stats are the reading before: 148,151,102 ns of container CPU over 1,980,000,000 ns of host CPU.
    const cpu = metriclyMinimalSamples(name, stats, { total: 2387466446741, system: 2340425750000000 }).find((s) => s.name.endsWith('container_cpu_percent'));
    expect(cpu?.value).toBeCloseTo((100 * 148151102) / 1980000000, 9);
  });
});
