import { fileURLToPath } from 'node:url';
import { createAgentContainer, loadConfig, PluginIntrospector, TOKENS } from '@spinel/core';
import { fmt, sleep, table } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const perRun = Number(process.env.BENCH_SAMPLES_PER_RUN ?? 100_000);
const interval = Number(process.env.BENCH_INTERVAL ?? 0.05);
const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const introspector = new PluginIntrospector();
const config = await loadConfig(
  {
    label: 'throughput.yaml',
    baseDir: fixtures,
    text: `agent: { hostname: bench, telemetry: false, log_level: warn }
collectors:
  synthetic: { plugin: ./synthetic-collector.mjs, samples: ${perRun}, interval: ${interval}, splay: 0, timeout: 5, max_heap_mb: ${process.env.BENCH_MAX_HEAP_MB ?? 64} }
handlers:
  sink: { plugin: ./null-handler.mjs, max_queue_samples: ${perRun * 8} }
`,
  },
  { introspector, searchDirs: [fixtures] },
);
await introspector.close();
const container = createAgentContainer({ config, hostname: 'bench' });
const agent = container.resolve(TOKENS.Agent);
const telemetry = container.resolve(TOKENS.Telemetry);
await agent.start();
const stats = telemetry.handler('sink');
const collector = telemetry.collector('synthetic');
await sleep(3000); // warm up
const start = { written: stats.written, dropped: stats.dropped, at: performance.now(), cpu: process.cpuUsage() };
const rss = [];
const heaps = { collector: [], handler: [], collectorTotal: [], handlerTotal: [] };
for (let s = 0; s < seconds; s++) {
  await sleep(1000);
  rss.push(process.memoryUsage().rss / 1e6);
  if (s % 30 === 29) {
    globalThis.gc?.();
    const m = process.memoryUsage();
    console.log(`t=${s + 1}s rss ${fmt(m.rss / 1e6)} MB, main heap used after gc ${fmt(m.heapUsed / 1e6)} MB, committed ${fmt(m.heapTotal / 1e6)} MB`);
  }
  const [c, h] = await Promise.all([agent.groups.collectors[0].heap(), agent.groups.handlers[0].heap()]);
  if (c) heaps.collector.push(c.usedBytes / 1e6);
  if (h) heaps.handler.push(h.usedBytes / 1e6);
  if (c) heaps.collectorTotal.push(c.totalBytes / 1e6);
  if (h) heaps.handlerTotal.push(h.totalBytes / 1e6);
}
const elapsed = (performance.now() - start.at) / 1000;
const written = stats.written - start.written;
const dropped = stats.dropped - start.dropped;
await agent.stop(5000);
const thirds = (xs) => [xs.slice(0, Math.max(1, Math.floor(xs.length / 3))), xs.slice(-Math.max(1, Math.floor(xs.length / 3)))];
const [firstThird, lastThird] = thirds(rss);
const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  `\nThroughput: synthetic collector worker (${perRun} samples every ${interval} s offered = ${fmt(perRun / interval / 1e6, 2)} M/s) -> null handler worker, ${fmt(elapsed, 0)} s`,
);
console.log(
  table([
    ['figure', 'value'],
    ['samples/s delivered to the handler', fmt(written / elapsed, 0)],
    ['samples dropped (queue full)', dropped],
    ['collector runs skipped (previous still running)', collector.skipped],
    ['RSS MB, first third -> last third', `${fmt(avg(firstThird))} -> ${fmt(avg(lastThird))}`],
    ['RSS MB min / max', `${fmt(Math.min(...rss))} / ${fmt(Math.max(...rss))}`],
    [
      'collector worker heap used MB, max of first third -> max of last third',
      `${fmt(Math.max(...thirds(heaps.collector)[0]))} -> ${fmt(Math.max(...thirds(heaps.collector)[1]))}`,
    ],
    [
      'handler worker heap used MB, max of first third -> max of last third',
      `${fmt(Math.max(...thirds(heaps.handler)[0]))} -> ${fmt(Math.max(...thirds(heaps.handler)[1]))}`,
    ],
    [
      'worker heaps committed MB (collector + handler), first -> last sample',
      `${fmt(heaps.collectorTotal[0] + heaps.handlerTotal[0])} -> ${fmt(heaps.collectorTotal.at(-1) + heaps.handlerTotal.at(-1))}`,
    ],
    ['main thread heap committed MB, end', fmt(process.memoryUsage().heapTotal / 1e6)],
  ]),
);
process.exit(0);
