// The agent image: its size beside the Node.js binary it carries, and the agent container's
// memory over the churn that found the Metricly docker agent's leak: a loop of `docker run --rm`
// of a small image running `sleep 10`, then `sleep 5`, for BENCH_SECONDS (default 600), while
// the agent (as the README runs it, the docker collector with Metricly's names, every second)
// watches. Builds the image with tooling/docker/build-image.mjs unless SPINEL_IMAGE names one.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtime } from '../tooling/runtime/index.mjs';
import { fmt, rssMb, sleep, table } from './lib.mjs';
import { docker, dockerSync, IMAGE, removeLabelled, SOCKET } from './docker-lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 600);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LABEL = 'spinel.bench=image';
removeLabelled(LABEL);

const tag =
  process.env.SPINEL_IMAGE ??
  execFileSync(process.execPath, [path.join(REPO, 'tooling/docker/build-image.mjs'), '--tag', 'spinel-agent:bench'], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .at(-1);
const imageBytes = Number(dockerSync('image', 'inspect', '-f', '{{.Size}}', tag));
// The binary the image holds: the pinned registry runtime, stripped as the bundle strips it.
const node = runtime('x64');
const strippedNode = path.join(mkdtempSync(path.join(os.tmpdir(), 'spinel-node-')), 'node');
execFileSync('strip', ['--strip-unneeded', '-o', strippedNode, node.binary]);
const nodeBytes = statSync(strippedNode).size;

const work = mkdtempSync(path.join(os.tmpdir(), 'spinel-image-bench-'));
chmodSync(work, 0o777);
writeFileSync(
  path.join(work, 'spinel.yaml'),
  `agent: { hostname: imagebench, telemetry: true, telemetry_interval: 10, leak_watch_interval: 30, log_level: warn }
collectors:
  defaults: { interval: 1, splay: 0 }
  cpu: {}
  memory: {}
  loadavg: {}
  network: {}
  docker: { naming: metricly, path: containers }
handlers:
  archive: { path: /out/archive.log, days: 1 }
`,
);
const agent = dockerSync(
  'run',
  '-d',
  '--label',
  LABEL,
  '--network',
  'none',
  '--group-add',
  String(statSync(SOCKET).gid),
  '-e',
  'SPINEL_CONFIG=/out/spinel.yaml',
  '-e',
  'HOST_PROC=/host/proc',
  '-e',
  'HOST_SYS=/host/sys',
  '-v',
  '/proc:/host/proc:ro',
  '-v',
  '/sys:/host/sys:ro',
  '-v',
  `${SOCKET}:/var/run/docker.sock:ro`,
  '-v',
  `${work}:/out`,
  tag,
);
const pid = dockerSync('inspect', '-f', '{{.State.Pid}}', agent);

// The churn: one container at a time, each `sleep 10` then a 5 s pause, until the time is up.
let churned = 0;
let stopping = false;
const churn = (async () => {
  while (!stopping) {
    await docker('run', '--rm', '--network', 'none', '--label', LABEL, IMAGE, 'sleep', '10').catch(() => undefined);
    churned++;
    if (!stopping) await sleep(5000);
  }
})();

const rss = [];
const t0 = Date.now();
for (let s = 10; s <= seconds; s += 10) {
  await sleep(Math.max(0, t0 + s * 1000 - Date.now()));
  rss.push({ s, mb: rssMb(pid) });
}
stopping = true;
await churn;
const stopStarted = Date.now();
dockerSync('stop', agent);
const stopSeconds = (Date.now() - stopStarted) / 1000;
const exitCode = dockerSync('inspect', '-f', '{{.State.ExitCode}}', agent);
removeLabelled(LABEL);

// The agent's own telemetry: each worker's and the main thread's heap after a full GC (leak watch, every 30 s).
const heapAfterGc = new Map();
const startedAt = Number(readFileSync(path.join(work, 'archive.log'), 'utf8').split('\n')[0]?.split(' ')[2] ?? 0);
for (const line of readFileSync(path.join(work, 'archive.log'), 'utf8').split('\n')) {
  const [metric, value, time] = line.split(' ');
  const m = /^servers\.imagebench\.spinel\.(?:(?:collectors|handlers)\.([^.]+)\.worker_heap_used_bytes|agent\.heap_after_gc_bytes)$/.exec(metric ?? '');
  if (!m || Number(value) === 0) continue;
  const thread = m[1] ? `worker of ${m[1]}` : 'main thread';
  const series = heapAfterGc.get(thread) ?? new Map();
  series.set(Number(time) - startedAt, Number(value) / 1e6);
  heapAfterGc.set(thread, series);
}
const atMinute1 = rss.find((r) => r.s >= 60) ?? rss[0];
const end = rss.at(-1);
const peak = Math.max(...rss.map((r) => r.mb));
console.log(
  `\nAgent image ${tag}: ${fmt(imageBytes / 1e6)} MB; the Node.js binary in it (v${node.version}): ${fmt(nodeBytes / 1e6)} MB; image/binary = ${fmt(imageBytes / nodeBytes, 2)}x`,
);
console.log(`Churn: ${seconds} s, ${churned} containers run (docker run --rm ... sleep 10, then 5 s), docker collector (naming: metricly) every 1 s`);
console.log(
  table([
    ['t (s)', 'agent container RSS (MB)'],
    ...rss.filter((r, i) => i % Math.max(1, Math.floor(rss.length / 12)) === 0 || r === end).map((r) => [r.s, fmt(r.mb, 1)]),
  ]),
);
console.log(
  `RSS at the end vs minute 1: ${fmt(end.mb, 1)} / ${fmt(atMinute1.mb, 1)} MB = ${fmt((100 * (end.mb - atMinute1.mb)) / atMinute1.mb, 1)} % (goal: within 5 %); peak ${fmt(peak, 1)} MB`,
);
for (const [entry, series] of heapAfterGc) {
  const points = [...series].sort((a, b) => a[0] - b[0]);
  const first = points.find(([t]) => t >= 60) ?? points[0];
  const last = points.at(-1);
  if (!first || !last) continue;
  console.log(
    `${entry}: heap after GC ${fmt(first[1], 2)} MB at ${first[0]} s, ${fmt(last[1], 2)} MB at ${last[0]} s (${fmt((100 * (last[1] - first[1])) / first[1], 1)} %)`,
  );
}
console.log(`docker stop: ${fmt(stopSeconds, 2)} s, exit code ${exitCode}`);
