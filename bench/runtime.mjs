#!/usr/bin/env node
// The runtime the packages ship, beside the one they used to (issue 30): the same agent (the
// default collectors at 1 s into an archive, the status server on) started at once on
//   - the bundled Node.js as the launchers start it (tooling/runtime: NODE_FLAGS, NODE_ENV_DEFAULTS),
//   - the bundled Node.js bare,
//   - a peer Node.js (BENCH_PEER_NODE, default the `node` on PATH when it is another version),
// with prometheus-node-exporter in the same run. RSS after the run; CPU ms a cycle over the run's
// last BENCH_SECONDS (schedstat, every thread), after BENCH_WARMUP seconds.
//
//   node bench/runtime.mjs
//   BENCH_WARMUP=30 BENCH_SECONDS=90 BENCH_PEER_NODE=/usr/bin/node node bench/runtime.mjs
//   BENCH_INTERVAL=5 node bench/runtime.mjs   # the default config's interval (default 1 s)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_ENV_DEFAULTS, NODE_FLAGS, runtime } from '../tooling/runtime/index.mjs';
import { freePort } from '../tooling/services/process.mjs';
import { cpuSeconds, findBinary, fmt, rssMb, sleep, start, stop, table } from './lib.mjs';

const CLI = fileURLToPath(new URL('../apps/agent/dist/cli.js', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 120);
const warmup = Number(process.env.BENCH_WARMUP ?? 60);
const interval = Number(process.env.BENCH_INTERVAL ?? 1);
const bundled = runtime('x64');
const peerNode = process.env.BENCH_PEER_NODE ?? execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).trim();
const peerVersion = execFileSync(peerNode, ['--version'], { encoding: 'utf8' }).trim();

async function agentConfig(dir) {
  const collectors = ['cpu', 'memory', 'loadavg', 'vmstat', 'network', 'diskspace', 'diskusage'];
  const file = path.join(dir, 'spinel.yaml');
  writeFileSync(
    file,
    `agent: { hostname: bench, status: { port: ${await freePort()}, control_socket: ${dir}/control.sock } }\ncollectors:\n  defaults: { interval: ${interval}, splay: 0 }\n${collectors.map((c) => `  ${c}: {}`).join('\n')}\nhandlers:\n  archive: { path: ${dir}/archive.log, rollover_when: never }\n`,
  );
  return file;
}

async function startAgent(name, node, flags, env) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-runtime-'));
  const config = await agentConfig(dir);
  return { name, proc: start(node, [...flags, CLI, 'run', '--config', config], { cwd: dir, env: { ...process.env, ...env } }) };
}

const runs = [
  await startAgent(
    `spinel on Node ${bundled.version}, as the launchers start it (${NODE_FLAGS.join(' ')}, ${Object.entries(NODE_ENV_DEFAULTS)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')})`,
    bundled.binary,
    NODE_FLAGS,
    NODE_ENV_DEFAULTS,
  ),
  await startAgent(`spinel on Node ${bundled.version}, bare`, bundled.binary, [], {}),
];
if (peerVersion !== `v${bundled.version}`) runs.push(await startAgent(`spinel on Node ${peerVersion.slice(1)} (${peerNode}), bare`, peerNode, [], {}));
const exporter = findBinary('/usr/bin/prometheus-node-exporter');
if (exporter) runs.push({ name: 'prometheus-node-exporter (peer)', proc: start(exporter, [`--web.listen-address=127.0.0.1:${await freePort()}`]) });
else console.log('peer prometheus-node-exporter: not installed, skipped');

await sleep(warmup * 1000);
const before = runs.map((r) => cpuSeconds(r.proc.pid));
await sleep(seconds * 1000);
const results = runs.map((r, i) => ({ name: r.name, rss: rssMb(r.proc.pid), cpuMs: ((cpuSeconds(r.proc.pid) - before[i]) * 1000 * interval) / seconds }));
for (const r of runs) await stop(r.proc, 'SIGTERM');

const launched = results[0];
console.log(
  `\n${os.cpus().length} cores; collectors every ${interval} s; RSS after ${warmup + seconds} s; CPU over the last ${seconds} s, in ms per ${interval} s cycle`,
);
console.log(
  table([['process', 'RSS MB', 'CPU ms/cycle', 'RSS / launched'], ...results.map((r) => [r.name, fmt(r.rss), fmt(r.cpuMs, 2), fmt(r.rss / launched.rss, 2)])]),
);
