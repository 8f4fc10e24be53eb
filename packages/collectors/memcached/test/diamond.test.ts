// Diamond's test_should_work_with_real_data (python-diamond/Diamond,
// src/collectors/memcached/test/testmemcached.py) with its `stats` fixture, replayed by a local
// socket that answers `stats` with the recorded reply. Diamond's counters read 0 on its one run
// (its derivative has no previous value); here they are rates, so the second run over the same
// reply gives those zeros. Its values compare at 0 decimal places, as Diamond's
// assertPublishedMany does.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness } from '@spinel/testing';
import collector, { maxConnections, parseHost } from '@spinel/collector-memcached';

const fixture = readFileSync(new URL('./fixtures/diamond-stats', import.meta.url), 'latin1').replace(/\r?\n/g, '\r\n');

const expected: Record<string, number> = {
  reclaimed: 0,
  expired_unfetched: 0,
  hash_is_expanding: 0,
  cas_hits: 0,
  uptime: 25763,
  touch_hits: 0,
  delete_misses: 0,
  listen_disabled_num: 0,
  cas_misses: 0,
  decr_hits: 0,
  cmd_touch: 0,
  incr_hits: 0,
  auth_cmds: 0,
  limit_maxbytes: 67108864,
  bytes_written: 0,
  incr_misses: 0,
  rusage_system: 0.195071,
  total_items: 0,
  cmd_get: 0,
  curr_connections: 10,
  touch_misses: 0,
  threads: 4,
  total_connections: 0,
  cmd_set: 0,
  curr_items: 0,
  conn_yields: 0,
  get_misses: 0,
  reserved_fds: 20,
  bytes_read: 0,
  hash_bytes: 524288,
  evicted_unfetched: 0,
  cas_badval: 0,
  cmd_flush: 0,
  evictions: 0,
  bytes: 0,
  connection_structures: 11,
  hash_power_level: 16,
  auth_errors: 0,
  rusage_user: 0.231516,
  delete_hits: 0,
  decr_misses: 0,
  get_hits: 0,
  repcached_qi_free: 0,
};

describe("memcached collector on Diamond's recorded stats", () => {
  let replay: net.Server;
  let port = 0;
  beforeAll(async () => {
    replay = net.createServer((socket) => socket.on('data', (data) => data.toString().includes('stats\r\n') && socket.write(fixture)));
    await new Promise<void>((resolve) => replay.listen(0, '127.0.0.1', resolve));
    port = (replay.address() as net.AddressInfo).port;
  });
  afterAll(() => replay.close());

  it('publishes what Diamond asserts, each value at 0 decimal places', async () => {
    const h = new CollectorHarness(collector, { options: { hosts: [`localhost@127.0.0.1:${port}`] }, settings: { interval: 10 } });
    const first = await h.step({ time: 10 });
    const second = await h.step({ time: 20 });
    await h.close();
    expect(first.result.error).toBeUndefined();
    expect(second.result.error).toBeUndefined();
    const published = Object.fromEntries([...second.values].map(([name, value]) => [name, Math.round(value)]));
    expect(published).toEqual(Object.fromEntries(Object.entries(expected).map(([name, value]) => [`localhost.${name}`, Math.round(value)])));
    // Gauges come at once; counters (rates) from the second run.
    expect(first.values.get('localhost.uptime')).toBe(25763);
    expect(first.values.has('localhost.cmd_get')).toBe(false);
    expect(catalogueProblems(collector, second.samples, false)).toEqual([]);
  });

  it('test_get_raw_stats_works_across_packet_boundaries: a reply that arrives in two packets is read whole', async () => {
    // The server writes half the reply, a row cut in two, waits, then the rest: two reads on the client's side.
    const split = net.createServer((socket) =>
      socket.on('data', (data) => {
        if (!data.toString().includes('stats\r\n')) return;
        socket.write('STAT curr_items 7\r\nSTAT thr');
        setTimeout(() => socket.write('eads 4\r\nEND\r\n'), 50);
      }),
    );
    await new Promise<void>((resolve) => split.listen(0, '127.0.0.1', resolve));
    const h = new CollectorHarness(collector, { options: { hosts: [`split@127.0.0.1:${(split.address() as net.AddressInfo).port}`] } });
    const step = await h.step({ time: 10 });
    await h.close();
    split.close();
    expect(step.result.error).toBeUndefined();
    expect(Object.fromEntries(step.values)).toEqual({ 'split.curr_items': 7, 'split.threads': 4 });
  });

  it("reads Diamond's host syntax, and the connection limit from a command line", () => {
    expect(parseHost('localhost:11211')).toEqual({ alias: 'localhost', target: { host: 'localhost', port: 11211, socket: undefined } });
    expect(parseHost('app-1@localhost:11212')).toEqual({ alias: 'app-1', target: { host: 'localhost', port: 11212, socket: undefined } });
    expect(parseHost('/path/to/blah.sock')).toEqual({ alias: 'blah', target: { host: 'localhost', port: 0, socket: '/path/to/blah.sock' } });
    expect(parseHost('app-2@/path/to/bleh.sock')?.alias).toBe('app-2');
    expect(maxConnections('memcached\0-m\x0064\0-c\x001024\0')).toBe(1024);
    expect(maxConnections('memcached --max-conns=300')).toBe(300);
    expect(maxConnections('memcached -m 64')).toBeUndefined();
  });
});
