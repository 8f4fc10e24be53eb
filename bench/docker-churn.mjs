// The churn soak that reproduced the Diamond leak: a container started every second and removed
// 10 s later, the docker collector every second in its own worker, for BENCH_SECONDS (default
// 600). Reports the collector worker's heap after GC over time and the distinct metric names.
import { readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAgentContainer, loadConfig, PluginIntrospector, TOKENS } from '@spinel/core';
import { fmt, sleep, table } from './lib.mjs';
import { docker, removeLabelled, SOCKET } from './docker-lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 600);
const LABEL = 'spinel.bench=churn';
const work = mkdtempSync(path.join(os.tmpdir(), 'spinel-churn-'));
const archive = path.join(work, 'archive.log');
removeLabelled(LABEL);

const introspector = new PluginIntrospector();
const config = await loadConfig(
  {
    label: 'churn.yaml',
    baseDir: work,
    text: `agent: { hostname: churn, telemetry: false, log_level: warn }
collectors:
  docker: { socket: ${SOCKET}, interval: 1, splay: 0, worker: own }
handlers:
  archive: { path: ${archive} }
`,
  },
  { introspector, searchDirs: [path.dirname(new URL(import.meta.url).pathname)] },
);
await introspector.close();
const container = createAgentContainer({ config, hostname: 'churn' });
const agent = container.resolve(TOKENS.Agent);
await agent.start();

const alive = [];
let started = 0;
const heap = [];
const t0 = Date.now();
for (let s = 1; s <= seconds; s++) {
  const name = `churn-${started++}`;
  docker('run', '-d', '--network', 'none', '--label', LABEL, '--name', name, 'spinel-test-busybox', 'sleep', '3600').catch(() => undefined);
  alive.push({ name, at: s });
  while (alive.length && (alive[0]?.at ?? 0) <= s - 10) docker('rm', '-f', alive.shift().name).catch(() => undefined);
  if (s % 10 === 0) {
    const h = await agent.groups.collectors[0].heap();
    heap.push({ s, mb: (h?.usedBytes ?? 0) / 1e6 });
  }
  await sleep(Math.max(0, t0 + s * 1000 - Date.now()));
}
await agent.stop(5000);
removeLabelled(LABEL);
const names = new Set(
  readFileSync(archive, 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter(Boolean),
);
const atMinute1 = heap.find((h) => h.s >= 60) ?? heap[0];
const end = heap.at(-1);
console.log(`\nDocker churn soak: ${seconds} s, ${started} containers started (each removed after 10 s), collector every 1 s`);
console.log(
  table([
    ['t (s)', 'collector worker heap after GC (MB)'],
    ...heap.filter((h, i) => i % Math.max(1, Math.floor(heap.length / 12)) === 0 || h === end).map((h) => [h.s, fmt(h.mb, 2)]),
  ]),
);
console.log(`distinct metric names seen: ${names.size}`);
console.log(
  `heap at the end vs at minute 1: ${fmt(end.mb, 2)} / ${fmt(atMinute1.mb, 2)} MB = ${fmt((100 * (end.mb - atMinute1.mb)) / atMinute1.mb, 1)} % (goal: within 5 %)`,
);
process.exit(0);
