import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample, measureRetained } from '@spinel/testing';
import graphite, { picklePayload, plaintextLine, udpPayloads } from '@spinel/handler-graphite';
import { haveCarbon, startCarbon, type Carbon } from './carbon.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('graphite encodings', () => {
  it("writes Diamond's plaintext line", () => {
    expect(plaintextLine(makeSample({ name: 'a', value: 1.2345, precision: 2, timestamp: 1_700_000_000.7 }))).toBe('servers.testhost.test.a 1.23 1700000000\n');
  });
  it('packs UDP datagrams without splitting a line', () => {
    const samples = Array.from({ length: 100 }, (_, i) => makeSample({ name: `metric_${i}`, value: i }));
    const payloads = udpPayloads(samples, 600);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(p.length).toBeLessThanOrEqual(600);
    expect(payloads.map((p) => p.toString()).join('')).toBe(samples.map(plaintextLine).join(''));
  });
  it('frames a pickle with its big-endian length, and Python reads back exactly the samples', () => {
    const payload = picklePayload([makeSample({ name: 'a', value: 1 }), makeSample({ name: 'é.b', value: -2.5, timestamp: 1_700_000_123 })]);
    expect(payload.readUInt32BE(0)).toBe(payload.length - 4);
    // Python's own unpickler (what carbon runs) decodes the body; strings come back as str.
    const decoded = execFileSync('python3', ['-c', 'import json, pickle, sys; print(json.dumps(pickle.loads(sys.stdin.buffer.read()[4:])))'], {
      input: payload,
      encoding: 'utf8',
    });
    expect(JSON.parse(decoded)).toEqual([
      ['servers.testhost.test.a', [1_700_000_000, 1]],
      ['servers.testhost.test.é.b', [1_700_000_123, -2.5]],
    ]);
  });
});

describe.skipIf(!haveCarbon)('graphite handler against a real carbon-cache', () => {
  let carbon: Carbon;
  beforeAll(async () => {
    carbon = await startCarbon();
  }, 30_000);
  afterAll(() => carbon?.stop());

  async function until(metric: string, from: number, count: number): Promise<Array<[number, number]>> {
    for (let i = 0; i < 100; i++) {
      const points = carbon.fetch(metric, from);
      if (points.length >= count) return points;
      await sleep(100);
    }
    return carbon.fetch(metric, from);
  }

  for (const proto of ['tcp', 'udp', 'pickle'] as const) {
    it(`delivers values and timestamps to whisper over ${proto}`, async () => {
      const t = Math.floor(Date.now() / 1000) - 30;
      const port = proto === 'pickle' ? carbon.picklePort : carbon.linePort;
      const h = await createHandlerHarness(graphite, { host: '127.0.0.1', port, proto, batch: 2 });
      const samples = [0, 1, 2, 3, 4].map((i) =>
        makeSample({ path: `spinel.test.${proto}.cpu.total_user`, name: 'total_user', value: 10 + i * 0.25, precision: 2, timestamp: t + i }),
      );
      await h.process(samples.slice(0, 3), samples.slice(3));
      await h.close();
      const points = await until(`spinel.test.${proto}.cpu.total_user`, t - 1, 5);
      expect(points).toEqual([0, 1, 2, 3, 4].map((i) => [t + i, 10 + i * 0.25]));
    }, 30_000);
  }

  it('fails a batch with a clear error while carbon is down, and reconnects when it is back', async () => {
    const h = await createHandlerHarness(graphite, { host: '127.0.0.1', port: carbon.linePort, timeout: 2 });
    const t = Math.floor(Date.now() / 1000) - 20;
    await h.process([makeSample({ path: 'spinel.test.reconnect.before', name: 'before', value: 1, timestamp: t })]);
    await carbon.stop();
    await expect(h.process([makeSample({ path: 'spinel.test.reconnect.down', name: 'down', value: 2, timestamp: t })])).rejects.toThrow(
      new RegExp(`graphite: (cannot connect to|writing to) 127\\.0\\.0\\.1:${carbon.linePort}`),
    );
    await carbon.start();
    await h.process([makeSample({ path: 'spinel.test.reconnect.after', name: 'after', value: 3, timestamp: t + 1 })]);
    await h.close();
    expect(await until('spinel.test.reconnect.after', t - 1, 1)).toEqual([[t + 1, 3]]);
  }, 60_000);
});

describe('graphite handler memory', () => {
  it('retains under 1 KB per round over 200 rounds of new distinct series', async () => {
    const sink = net.createServer((socket) => socket.resume()).listen(0, '127.0.0.1');
    await new Promise((r) => sink.once('listening', r));
    const { port } = sink.address() as net.AddressInfo;
    const report = await measureRetained(
      {
        handler: graphite,
        options: { host: '127.0.0.1', port },
        perRound: (r) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `series${r}_${i}`, value: i })),
      },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    sink.close();
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});
