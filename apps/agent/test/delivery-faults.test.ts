import path from 'node:path';
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../../packages/metricly-client/test/receiver.js';
import { archiveLines, FIXTURES, lastValue, sleep, startAgent, tempDir, waitFor, writeConfig } from './helpers.js';

// Delivery faults with the real agent process and a real HTTP handler (metricly) against the
// strict local receiver: a backend that never answers, and a kill -9 while the backend is down
// with a spool configured.

const API_KEY = 'fault-key-0123456789';
const TICK = path.join(FIXTURES, 'plugins', 'tick-collector.mjs');
const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/** [timestamp, value] of every tick sample the receiver accepted. */
function receivedTicks(receiver: Receiver): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const element of receiver.elements) for (const s of element.samples) if (s.metricId === 'tick.runs') out.push([s.timestamp / 1000, s.val]);
  return out.sort((a, b) => a[0] - b[0]);
}

describe('delivery faults through the agent', () => {
  it('a backend that accepts and never answers: timeouts fire, collectors keep their schedule, other handlers keep delivering', async () => {
    const receiver = await startReceiver({ apiKey: API_KEY });
    receivers.push(receiver);
    receiver.stalled = true;
    const dir = tempDir('stalled');
    const archive = path.join(dir, 'archive.log');
    const config = writeConfig(
      dir,
      `agent: { hostname: testhost, telemetry_interval: 1 }
collectors:
  tick: { plugin: ${TICK}, interval: 0.5, splay: 0 }
handlers:
  archive: { path: ${archive} }
  metricly: { url: "${receiver.url}", api_key: ${API_KEY}, metadata: false, timeout: 0.5, flush_interval: 0.2, retry_initial: 0.2, retry_max: 0.5 }
`,
    );
    const agent = startAgent(config, dir);
    const started = Date.now();
    await waitFor(
      () => (lastValue(archiveLines(archive), 'servers.testhost.spinel.handlers.metricly.retries') ?? 0) >= 3,
      20_000,
      'metricly retries after timeouts',
    );
    await sleep(2000);
    const elapsed = (Date.now() - started) / 1000;
    const lines = archiveLines(archive);
    const ticks = lines.filter(([p]) => p === 'servers.testhost.tick.runs');
    // every 0.5 s while metricly hangs: the collector is not held back
    expect(ticks.length).toBeGreaterThanOrEqual(Math.floor((elapsed - 2) * 2 * 0.8));
    expect(lastValue(lines, 'servers.testhost.spinel.collectors.tick.skipped')).toBe(0);
    expect(lastValue(lines, 'servers.testhost.spinel.handlers.archive.dropped')).toBe(0);
    expect(lastValue(lines, 'servers.testhost.spinel.handlers.metricly.written')).toBe(0);
    // the handler's own timeout fired, not the worker's hang detection: no restart
    expect(lastValue(lines, 'servers.testhost.spinel.handlers.metricly.restarts')).toBe(0);
    expect(agent.output().stderr).toMatch(
      /handler metricly failed a batch of \d+ samples: POST http:\/\/127\.0\.0\.1:\d+\/ingest\/infrastructure\/\*\*\*\* failed: UND_ERR_HEADERS_TIMEOUT/,
    );
    expect(agent.output().stderr).not.toContain(API_KEY);
    // once the backend answers again, what waited is delivered
    receiver.stalled = false;
    await waitFor(() => receivedTicks(receiver).length >= 10, 15_000, 'samples at the receiver after it answers');
    await agent.stop('SIGTERM');
    expect(receiver.rejected).toEqual([]);
  }, 60_000);

  it('kill -9 while the backend is down with a spool: after a restart and the backend back, the spooled samples arrive', async () => {
    const dir = tempDir('spool-kill');
    const spool = path.join(dir, 'spool');
    const archive = path.join(dir, 'archive.log');
    // A port nothing listens on: connection refused until the receiver takes over this URL.
    const probe = await startReceiver({ apiKey: API_KEY });
    const url = probe.url;
    await probe.close();
    const yaml = (ingest: string): string => `agent: { hostname: testhost, telemetry: false }
collectors:
  tick: { plugin: ${TICK}, interval: 0.5, splay: 0 }
handlers:
  archive: { path: ${archive} }
  metricly: { url: "${ingest}", api_key: ${API_KEY}, metadata: false, timeout: 1, flush_interval: 0.2, retry_initial: 0.2, retry_max: 0.5, spool_dir: ${spool} }
`;
    const first = startAgent(writeConfig(dir, yaml(url)), dir);
    await waitFor(() => archiveLines(archive).filter(([p]) => p === 'servers.testhost.tick.runs').length >= 8, 20_000, 'ticks during the outage');
    await sleep(600);
    await first.stop('SIGKILL');
    const publishedBefore = archiveLines(archive)
      .filter(([p]) => p === 'servers.testhost.tick.runs')
      .map(([, v, t]) => [t, v] as [number, number]);
    const spooledFiles = readdirSync(path.join(spool, 'metricly')).filter((f) => f.endsWith('.batch'));
    expect(spooledFiles.length).toBeGreaterThan(0);

    const receiver = await startReceiver({ apiKey: API_KEY });
    receivers.push(receiver);
    const second = startAgent(writeConfig(dir, yaml(receiver.url), 'second.yaml'), dir);
    await waitFor(
      () => {
        const got = new Set(receivedTicks(receiver).map(([t, v]) => `${t}:${v}`));
        return publishedBefore.every(([t, v]) => got.has(`${t}:${v}`));
      },
      20_000,
      'every sample published before the kill at the receiver',
    );
    await second.stop('SIGTERM');
    expect(receiver.rejected).toEqual([]);
    expect(second.output().stderr).toMatch(/handler metricly: replaying \d+ spooled samples/);
    // in order: the replayed samples come first, oldest first
    const firstRun = receivedTicks(receiver).slice(0, publishedBefore.length);
    expect(firstRun).toEqual(publishedBefore);
    expect(readdirSync(path.join(spool, 'metricly')).filter((f) => f.endsWith('.batch'))).toEqual([]);
  }, 60_000);
});
