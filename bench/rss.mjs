// RSS of the whole agent with the embedded default config after N seconds (default 60),
// beside collectd (cpu, memory, load) and prometheus-node-exporter measured in the same run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBinary, fmt, rssMb, sleep, start, stop, table } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const cli = fileURLToPath(new URL('../apps/agent/dist/cli.js', import.meta.url));
const work = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-rss-'));

const runs = [];
runs.push({
  name: 'spinel (embedded default config: 7 collectors in 1 worker, console+archive in 1 worker)',
  proc: start(process.execPath, [cli, 'run'], { cwd: work, stdio: ['ignore', 'ignore', 'ignore'] }),
});

// The isolation cost: the same collectors and handlers, each in its own worker thread.
const ownConfig = path.join(work, 'own.yaml');
const collectors = ['cpu', 'memory', 'loadavg', 'vmstat', 'diskspace', 'diskusage', 'network'];
writeFileSync(
  ownConfig,
  `collectors:\n  defaults: { interval: 5, worker: own }\n${collectors.map((c) => `  ${c}: {}`).join('\n')}\nhandlers:\n  defaults: { worker: own }\n  console: { fd: 2 }\n  archive: { path: ${work}/own-archive.log }\n`,
);
runs.push({
  name: 'spinel (same, every collector and handler in its own worker: 9 workers)',
  proc: start(process.execPath, [cli, 'run', '--config', ownConfig], { cwd: work, stdio: ['ignore', 'ignore', 'ignore'] }),
});

const collectd = findBinary('/usr/sbin/collectd');
if (collectd) {
  const conf = path.join(work, 'collectd.conf');
  writeFileSync(
    conf,
    `Interval 5\nBaseDir "${work}"\nPIDFile "${work}/collectd.pid"\nLoadPlugin cpu\nLoadPlugin memory\nLoadPlugin load\nLoadPlugin interface\nLoadPlugin df\nLoadPlugin disk\nLoadPlugin vmem\nLoadPlugin csv\n<Plugin csv>\n  DataDir "${work}/csv"\n</Plugin>\n`,
  );
  runs.push({ name: 'collectd (cpu, memory, load, interface, df, disk, vmem, csv)', proc: start(collectd, ['-f', '-C', conf]) });
} else console.log('peer collectd: not installed (apt-get install collectd-core), skipped');
const exporter = findBinary('/usr/bin/prometheus-node-exporter');
if (exporter) runs.push({ name: 'prometheus-node-exporter (defaults)', proc: start(exporter, ['--web.listen-address=127.0.0.1:19100']) });
else console.log('peer prometheus-node-exporter: not installed, skipped');

await sleep(seconds * 1000);
const results = runs.map((r) => ({ name: r.name, rss: rssMb(r.proc.pid) }));
for (const r of runs) await stop(r.proc, 'SIGINT');
const spinel = results[0].rss;
console.log(`\nRSS after ${seconds} s (goal for spinel: <= 64 MB)`);
console.log(table([['process', 'RSS MB', 'spinel / this'], ...results.map((r) => [r.name, fmt(r.rss), fmt(spinel / r.rss, 2)])]));
