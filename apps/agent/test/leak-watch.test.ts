import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveLines, FIXTURES, lastValue, startAgent, tempDir, waitFor, writeConfig } from './helpers.js';

describe('the runtime leak watch', () => {
  it('reports a collector whose worker heap keeps rising, while a healthy one stays clear', async () => {
    const dir = tempDir('leakwatch');
    const archive = path.join(dir, 'archive.log');
    const config = writeConfig(
      dir,
      `agent: { hostname: testhost, telemetry_interval: 1, leak_watch_interval: 1 }
collectors:
  defaults: { interval: 0.2, splay: 0 }
  leaky: { plugin: ${path.join(FIXTURES, 'plugins', 'leaky-collector.mjs')}, worker: own, max_heap_mb: 256 }
  tick: { plugin: ${path.join(FIXTURES, 'plugins', 'tick-collector.mjs')}, worker: own }
handlers:
  archive: { path: ${archive} }
`,
    );
    const agent = startAgent(config, dir);
    await waitFor(() => lastValue(archiveLines(archive), 'servers.testhost.spinel.collectors.leaky.suspected_leak') === 1, 40_000, 'the leak to be suspected');
    const lines = archiveLines(archive);
    expect(lastValue(lines, 'servers.testhost.spinel.collectors.tick.suspected_leak')).toBe(0);
    // The main thread is read the same way, and one leaky worker does not make it look leaky.
    expect(lastValue(lines, 'servers.testhost.spinel.agent.heap_after_gc_bytes')).toBeGreaterThan(1e6);
    expect(lastValue(lines, 'servers.testhost.spinel.agent.suspected_leak')).toBe(0);
    expect(lastValue(lines, 'servers.testhost.spinel.collectors.leaky.worker_heap_used_bytes')).toBeGreaterThan(
      lastValue(lines, 'servers.testhost.spinel.collectors.tick.worker_heap_used_bytes') ?? 0,
    );
    expect(await agent.stop()).toBe(0);
    expect(agent.output().stderr).toMatch(
      /WARN \[agent\] worker own:leaky is suspected of leaking: its heap plus off-heap memory after GC rose at each of the last 12 readings heap_used_bytes=\d+ external_bytes=\d+ plugins=leaky/,
    );
  }, 60_000);
});
