import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentContainer, loadConfig, PluginIntrospector, TOKENS, type Agent, type Telemetry } from '@spinel/core';
import { haveCarbon, startCarbon, type Carbon } from './carbon.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const HANDLER = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const TICK = fileURLToPath(new URL('./fixtures/tick-collector.mjs', import.meta.url));

describe.skipIf(!haveCarbon)('graphite handler through the agent while carbon-cache goes away', () => {
  let carbon: Carbon;
  beforeAll(async () => {
    carbon = await startCarbon();
  }, 30_000);
  afterAll(() => carbon?.stop());

  /** Runs the agent (tick every second → archive and graphite), stops carbon for `outageMs`, restarts it. */
  async function runThroughOutage(graphiteKeys: string, outageMs: number, hostname: string) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-graphite-fault-'));
    const archive = path.join(dir, 'archive.log');
    const introspector = new PluginIntrospector();
    const config = await loadConfig(
      {
        label: 'fault.yaml',
        baseDir: dir,
        text: `agent: { hostname: ${hostname}, telemetry: false }
collectors:
  tick: { plugin: ${TICK}, interval: 1, splay: 0 }
handlers:
  archive: { path: ${archive}, flush_interval: 0 }
  graphite: { plugin: ${HANDLER}, host: 127.0.0.1, port: ${carbon.linePort}, timeout: 1, retry_initial: 0.2, retry_max: 1, flush_interval: 0, ${graphiteKeys} }
`,
      },
      { introspector, searchDirs: [fileURLToPath(new URL('..', import.meta.url))] },
    );
    await introspector.close();
    const container = createAgentContainer({ config, hostname, logSink: () => undefined });
    const agent = container.resolve<Agent>(TOKENS.Agent);
    const telemetry = container.resolve<Telemetry>(TOKENS.Telemetry);
    await agent.start();
    await sleep(3500);
    await carbon.stop();
    let maxQueued = 0;
    const watch = setInterval(() => (maxQueued = Math.max(maxQueued, telemetry.handler('graphite').queue_length)), 50);
    await sleep(outageMs);
    clearInterval(watch);
    await carbon.start();
    await sleep(4000);
    await agent.stop(10_000);
    const published = readFileSync(archive, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .filter(([p]) => p === `servers.${hostname}.tick.runs`)
      .map(([, v, t]) => [Number(t), Number(v)] as [number, number]);
    // carbon writes its cache to whisper in the background: wait until every sample not counted
    // as dropped is on disk (or 15 s).
    const stats = telemetry.handler('graphite');
    let stored: Array<[number, number]> = [];
    for (let i = 0; i < 150; i++) {
      stored = carbon.fetch(`servers.${hostname}.tick.runs`, (published[0]?.[0] ?? 0) - 1);
      if (stored.length >= published.length - stats.dropped) break;
      await sleep(100);
    }
    return { stats, published, stored, maxQueued };
  }

  it('delivers every sample published during the outage exactly once, with its value and timestamp', async () => {
    const { stats, published, stored } = await runThroughOutage('batch_size: 1', 4000, 'fault');
    expect(stats.retries).toBeGreaterThan(0);
    expect(stats.dropped).toBe(0);
    expect(published.length).toBeGreaterThanOrEqual(10);
    expect(stored).toEqual(published);
  }, 60_000);

  it('beyond the buffer, samples are dropped and counted; what was kept arrives once; the queue stays within its bound', async () => {
    const { stats, published, stored, maxQueued } = await runThroughOutage('batch_size: 1, max_queue_samples: 2', 6000, 'overflow');
    expect(stats.dropped).toBeGreaterThan(0);
    expect(maxQueued).toBeLessThanOrEqual(2);
    // whisper holds one value per timestamp: every stored point is a published one, unchanged
    const byTime = new Map(published);
    for (const [t, v] of stored) expect(byTime.get(t)).toBe(v);
    // and each published sample is either stored or counted as dropped, never both, never neither
    expect(stored.length + stats.dropped).toBe(published.length);
  }, 60_000);
});
