#!/usr/bin/env node
// Does a 20-collector agent grow (issue 34)? Runs `spinel run` on the shipped Node.js with the
// system collectors plus redis, memcached, postgres, mysql, nginx and processresources against
// real servers (the machine's PostgreSQL, MariaDB and Redis; a memcached and an nginx of the
// bench's own), for an hour by default, and reads once a minute, from outside the process: its
// RSS and anonymous RSS (/proc/<pid>/status), and from its own telemetry (written by the archive
// handler) each thread's heap plus off-heap memory after a full GC (`leak_watch_interval: 60`),
// and the anonymous memory split into V8's heap pages and the rest (/proc/<pid>/smaps).
// A heap after GC that keeps rising is retention; RSS that rises while every heap after GC is
// flat is the allocator or V8's code and pages.
//
//   node bench/growth.mjs                          # 60 minutes at a 10 s interval
//   BENCH_MINUTES=10 BENCH_INTERVAL=1 node bench/growth.mjs
//   BENCH_NODE=node node bench/growth.mjs          # on the Node.js running this script
//   BENCH_WORKER=services node bench/growth.mjs    # the six service collectors in one worker group
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMemcached } from '../tooling/services/memcached.mjs';
import { startNginx } from '../tooling/services/nginx.mjs';
import { cpuSeconds, fmt, rssMb, shippedNode, sleep, start, stop, table } from './lib.mjs';

const CLI = fileURLToPath(new URL('../apps/agent/dist/cli.js', import.meta.url));
const NODE = process.env.BENCH_NODE ?? shippedNode() ?? process.execPath;
const minutes = Number(process.env.BENCH_MINUTES ?? 60);
const interval = Number(process.env.BENCH_INTERVAL ?? 10);
// A worker group for the six service collectors (each defaults to a thread of its own).
const serviceWorker = process.env.BENCH_WORKER;

const SYSTEM = [
  'cpu',
  'memory',
  'loadavg',
  'vmstat',
  'network',
  'diskspace',
  'diskusage',
  'tcp',
  'udp',
  'sockstat',
  'interrupt',
  'softirq',
  'entropy',
  'uptime',
];

/** The service collectors' entries and their options, against the servers the bench uses. */
function serviceOptions(cache, web) {
  return [
    ['redis', 'host: 127.0.0.1, port: 6379'],
    ['memcached', `hosts: ["127.0.0.1:${cache.port}"]`],
    ['postgres', 'host: 127.0.0.1, port: 5432, user: postgres'],
    ['mysql', 'host: 127.0.0.1, port: 3306, user: root'],
    ['nginx', `req_host: 127.0.0.1, req_port: ${web.port}`],
    ['processresources', ''],
  ];
}

function config(dir, services) {
  const serviceEntries = services.map(([name, options]) => {
    const keys = [options, serviceWorker && `worker: ${serviceWorker}`].filter(Boolean).join(', ');
    return `${name}: {${keys ? ` ${keys} ` : ''}}`;
  });
  const entries = [...SYSTEM.map((c) => `${c}: {}`), ...serviceEntries].map((line) => `  ${line}`).join('\n');
  const file = path.join(dir, 'spinel.yaml');
  writeFileSync(
    file,
    `agent: { hostname: bench, telemetry: true, leak_watch_interval: 60, status: { port: 0 } }\ncollectors:\n  defaults: { interval: ${interval}, splay: 0 }\n${entries}\nhandlers:\n  archive: { path: ${path.join(dir, 'archive.log')}, rollover_when: never }\n`,
  );
  return file;
}

/** Anonymous resident memory (heaps, malloc) in MB: RSS less the binary's and files' pages. */
function anonMb(pid) {
  return Number(/RssAnon:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/**
 * Anonymous resident memory split by mapping: V8 allocates its heap in 256 KiB pages (large
 * objects in multiples of that), so those mappings are V8's heaps, committed whether used or free;
 * the rest is malloc (the brk heap and per-thread arenas), thread stacks and the code range.
 */
function anonSplitMb(pid) {
  let v8Pages = 0;
  let rest = 0;
  let size = 0;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (mapping) {
      size = mapping[3] ? -1 : Number.parseInt(mapping[2], 16) - Number.parseInt(mapping[1], 16);
      continue;
    }
    if (!line.startsWith('Anonymous:')) continue;
    const kb = Number(line.split(/\s+/)[1]);
    if (size > 0 && size % 262_144 === 0 && size < 64 * 1024 * 1024) v8Pages += kb;
    else rest += kb;
  }
  return { v8Pages: v8Pages / 1024, rest: rest / 1024 };
}

/** Reads the archive from where it left off; keeps the last heap-after-GC reading per thread. */
class TelemetryTail {
  offset = 0;
  /** thread label -> bytes; a thread's collectors or handlers all carry its reading. */
  heaps = new Map();

  constructor(file) {
    this.file = file;
  }

  read() {
    let size;
    try {
      size = statSync(this.file).size;
    } catch {
      return;
    }
    if (size <= this.offset) return;
    const fd = openSync(this.file, 'r');
    const buffer = Buffer.alloc(size - this.offset);
    readSync(fd, buffer, 0, buffer.length, this.offset);
    closeSync(fd);
    // Whole lines only: the archive may be mid-write.
    const end = buffer.lastIndexOf(0x0a) + 1;
    this.offset += end;
    const perEntry = new Map();
    for (const line of buffer.toString('utf8', 0, end).split('\n')) {
      const match = /\.spinel\.(collectors|handlers)\.([^.]+)\.worker_(heap_used|external)_bytes (\S+)/.exec(line);
      if (match) {
        const key = `${match[1]}.${match[2]}`;
        const entry = perEntry.get(key) ?? { heap: 0, external: 0 };
        entry[match[3] === 'heap_used' ? 'heap' : 'external'] = Number(match[4]);
        perEntry.set(key, entry);
        continue;
      }
      const main = /\.spinel\.agent\.heap_after_gc_bytes (\S+)/.exec(line);
      if (main) this.heaps.set('main thread', Number(main[1]));
    }
    // Entries on one thread report the same reading; label the thread by its kind and first entry.
    const threads = new Map();
    for (const [key, { heap, external }] of perEntry) {
      if (heap === 0) continue;
      const kind = key.startsWith('collectors') ? 'collectors' : 'handlers';
      const id = `${kind}:${heap}:${external}`;
      if (!threads.has(id)) threads.set(id, { kind, entries: [], bytes: heap + external });
      threads.get(id).entries.push(key.slice(kind.length + 1));
    }
    for (const { kind, entries, bytes } of threads.values())
      this.heaps.set(`${kind} thread (${entries.length === 1 ? entries[0] : `${entries.length} plugins`})`, bytes);
  }
}

const cache = await startMemcached();
const web = await startNginx();
const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-growth-'));
const services = serviceOptions(cache, web);
const agent = start(NODE, [CLI, 'run', '--config', config(dir, services)], { cwd: dir });
const tail = new TelemetryTail(path.join(dir, 'archive.log'));
console.log(
  `agent on ${NODE} (${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()}), ${SYSTEM.length + services.length} collectors at ${interval} s, ${minutes} minutes, service collectors' worker: ${serviceWorker ?? 'their default (own)'}`,
);
const readings = [];
let cpuFrom;
let cpuTo;
try {
  for (let minute = 1; minute <= minutes; minute++) {
    await sleep(60_000);
    tail.read();
    if (minute === Math.min(5, minutes)) cpuFrom = { minute, seconds: cpuSeconds(agent.pid) };
    if (minute === minutes) cpuTo = { minute, seconds: cpuSeconds(agent.pid) };
    readings.push({ minute, rss: rssMb(agent.pid), anon: anonMb(agent.pid), ...anonSplitMb(agent.pid), heaps: new Map(tail.heaps) });
    const last = readings.at(-1);
    console.error(`minute ${minute}: RSS ${fmt(last.rss, 1)} MB, anonymous ${fmt(last.anon, 1)} MB`);
  }
} finally {
  await stop(agent);
  await web.stop();
  await cache.stop();
}

const labels = [...new Set(readings.flatMap((r) => [...r.heaps.keys()]))].sort();
const shown = readings.filter((r) => [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120].includes(r.minute) || r.minute === minutes);
const rows = [
  ['minute', 'RSS MB', 'anonymous MB', 'of it V8 pages', 'of it malloc, stacks, other', 'sum of heaps after GC', ...labels.map((l) => `${l} after GC, MB`)],
];
const heapSum = (r) => [...r.heaps.values()].reduce((a, b) => a + b, 0) / 1e6;
for (const r of shown)
  rows.push([
    String(r.minute),
    fmt(r.rss, 1),
    fmt(r.anon, 1),
    fmt(r.v8Pages, 1),
    fmt(r.rest, 1),
    fmt(heapSum(r), 1),
    ...labels.map((l) => (r.heaps.has(l) ? fmt(r.heaps.get(l) / 1e6, 2) : '-')),
  ]);
console.log(`\n${table(rows)}`);

// The trend over the second half (past start-up and V8's tiering): least-squares slope per hour.
const slopePerHour = (pick) => {
  const half = readings.slice(Math.floor(readings.length / 2)).filter((r) => pick(r) !== undefined);
  if (half.length < 3) return undefined;
  const xs = half.map((r) => r.minute);
  const ys = half.map(pick);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return (num / den) * 60;
};
const trend = [['series', 'slope over the second half, MB per hour']];
const series = [
  ['RSS', (r) => r.rss],
  ['anonymous', (r) => r.anon],
  ['V8 pages', (r) => r.v8Pages],
  ['malloc, stacks, other', (r) => r.rest],
  ['sum of heaps after GC', heapSum],
  ...labels.map((l) => [`${l} after GC`, (r) => (r.heaps.has(l) ? r.heaps.get(l) / 1e6 : undefined)]),
];
for (const [label, pick] of series) trend.push([label, fmt(slopePerHour(pick) ?? Number.NaN, 3)]);
console.log(`\n${table(trend)}`);
if (cpuFrom && cpuTo && cpuTo.minute > cpuFrom.minute) {
  const cycles = ((cpuTo.minute - cpuFrom.minute) * 60) / interval;
  console.log(`\nCPU from minute ${cpuFrom.minute} to ${cpuTo.minute}: ${fmt(((cpuTo.seconds - cpuFrom.seconds) * 1000) / cycles, 2)} ms per cycle`);
}
