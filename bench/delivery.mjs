// Issue 5's delivery figures: samples/s through the graphite handler into a real carbon-cache
// (against a bare socket writing the same lines into the same carbon, the ceiling), and the
// agent's RSS with a full 100,000-sample buffer behind a backend that is down.
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { createAgentContainer, loadConfig, PluginIntrospector, TOKENS } from '@spinel/core';
import { haveCarbon, startCarbon, freePort } from '../tooling/services/carbon.mjs';
import { fmt, sleep, table } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const GRAPHITE = fileURLToPath(new URL('../packages/handlers/graphite/dist/index.js', import.meta.url));
const rssMb = () => process.memoryUsage().rss / 1e6;

async function agentWith(yaml) {
  const introspector = new PluginIntrospector();
  const config = await loadConfig({ label: 'delivery.yaml', baseDir: fixtures, text: yaml }, { introspector, searchDirs: [fixtures] });
  await introspector.close();
  const container = createAgentContainer({ config, hostname: 'bench', logSink: () => undefined });
  const agent = container.resolve(TOKENS.Agent);
  await agent.start();
  return { agent, telemetry: container.resolve(TOKENS.Telemetry) };
}

/** Lines/s a bare TCP writer gets into carbon: the same line format, backpressure honoured. */
async function bareSocketRate(port, lineCount, distinct) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const now = Math.floor(Date.now() / 1000);
  const chunk = Array.from({ length: 1000 }, (_, i) => `servers.bare.synthetic.m${i % distinct} ${(i * 0.5).toFixed(1)} ${now}\n`).join('');
  const started = performance.now();
  let sent = 0;
  const until = started + seconds * 1000;
  while (performance.now() < until && sent < lineCount) {
    if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
    sent += 1000;
  }
  await new Promise((r) => socket.end(r));
  return sent / ((performance.now() - started) / 1000);
}

async function graphiteThroughput() {
  if (!haveCarbon) {
    console.log('graphite throughput skipped: graphite-carbon is not installed');
    return undefined;
  }
  const carbon = await startCarbon({ retentions: '10s:1h' });
  const distinct = 1000;
  // warm carbon's whisper files so neither run pays for creating them
  await bareSocketRate(carbon.linePort, distinct * 2, distinct);
  await sleep(2000);
  const bareBefore = await bareSocketRate(carbon.linePort, Number.POSITIVE_INFINITY, distinct);
  await sleep(2000);
  const { agent, telemetry } = await agentWith(`agent: { hostname: bench, telemetry: false, log_level: warn }
collectors:
  synthetic: { plugin: ./synthetic-collector.mjs, samples: 20000, distinct: ${distinct}, interval: 0.1, splay: 0, timeout: 5 }
handlers:
  graphite: { plugin: ${GRAPHITE}, host: 127.0.0.1, port: ${carbon.linePort}, batch: 5000, batch_size: 10000, max_queue_samples: 1000000 }
`);
  const stats = telemetry.handler('graphite');
  await sleep(3000);
  const start = { written: stats.written, dropped: stats.dropped, at: performance.now() };
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - start.at) / 1000;
  const spinel = (stats.written - start.written) / elapsed;
  const dropped = stats.dropped - start.dropped;
  await agent.stop(5000);
  await sleep(2000);
  const bareAfter = await bareSocketRate(carbon.linePort, Number.POSITIVE_INFINITY, distinct);
  await carbon.stop();
  return { spinel, bare: (bareBefore + bareAfter) / 2, bareBefore, bareAfter, dropped };
}

async function fullBufferRss() {
  const deadPort = await freePort();
  globalThis.gc?.();
  const idle = rssMb();
  const { agent, telemetry } = await agentWith(`agent: { hostname: bench, telemetry: false, log_level: warn }
collectors:
  synthetic: { plugin: ./synthetic-collector.mjs, samples: 10000, interval: 0.2, splay: 0, timeout: 5 }
handlers:
  graphite: { plugin: ${GRAPHITE}, host: 127.0.0.1, port: ${deadPort}, timeout: 1, retry_initial: 0.5, retry_max: 2, max_queue_samples: 100000 }
`);
  const stats = telemetry.handler('graphite');
  await sleep(1000);
  const emptyRss = rssMb();
  while (stats.queue_length < 100_000 - 10_000) await sleep(200);
  await sleep(5000); // full and overflowing for a while: drop_oldest keeps it at the bound
  globalThis.gc?.();
  await sleep(500);
  const full = { rss: rssMb(), queued: stats.queue_length, dropped: stats.dropped, heap: process.memoryUsage().heapUsed / 1e6 };
  await agent.stop(2000);
  return { idle, emptyRss, full };
}

// Each part runs in its own process, so one's heap and RSS do not colour the other's.
const part = process.argv[2];
if (!part) {
  for (const name of ['graphite', 'rss']) {
    const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
  process.exit(0);
}
const rows = [['figure', 'value']];
if (part === 'graphite') {
  const graphite = await graphiteThroughput();
  if (graphite) {
    console.log(`\nGraphite delivery (${seconds} s per run, 200,000 samples/s offered, 1,000 distinct names)`);
    rows.push(['graphite handler -> carbon-cache, samples/s written', fmt(graphite.spinel, 0)]);
    rows.push(['bare TCP writer -> same carbon-cache, lines/s, before / after', `${fmt(graphite.bareBefore, 0)} / ${fmt(graphite.bareAfter, 0)}`]);
    rows.push(['ratio spinel / bare writer (mean of both)', fmt(graphite.spinel / graphite.bare, 2)]);
    rows.push(['samples dropped during the graphite run (offered > carbon)', graphite.dropped]);
  }
} else {
  const rss = await fullBufferRss();
  console.log('\nAgent memory with a full buffer (synthetic collector, graphite handler, backend down)');
  rows.push(['process RSS before the agent started, MB', fmt(rss.idle)]);
  rows.push(['RSS with the agent running, buffer empty, MB', fmt(rss.emptyRss)]);
  rows.push([`RSS with the buffer full (${rss.full.queued} samples queued), MB`, fmt(rss.full.rss)]);
  rows.push(['main heap used with the buffer full, after GC, MB', fmt(rss.full.heap)]);
  rows.push(['samples dropped by drop_oldest meanwhile', rss.full.dropped]);
  rows.push(['Telegraf at its 100,000-metric buffer, per its sizing notes, MB', '287 (not measured here: not packaged in Debian)']);
}
console.log(table(rows));
process.exit(0);
