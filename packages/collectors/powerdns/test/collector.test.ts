// Against Debian's pdns-server of the test's own (tooling/services/pdns.mjs), read by its real
// pdns_control; and Diamond's recorded `pdns_control list` output (test/fixtures, from Diamond's
// powerdns test) through a stand-in binary that prints it.
import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { parsePdnsList } from '@spinel/collector-powerdns';
import { havePdns, PDNS_CONTROL, startPdns, type PdnsServer } from '../../../../tooling/services/pdns.mjs';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!havePdns)
  console.log(
    'powerdns collector: pdns-server or pdns-backend-bind is missing (apt-get install pdns-server pdns-backend-bind; .ci/run does), so the tests against a real PowerDNS are skipped',
  );

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const now = (): number => Date.now() / 1000;

/** A stand-in pdns_control: prints the recorded lists, A on the first call and B after. */
function recordedControl(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-pdns-recorded-'));
  const bin = path.join(dir, 'pdns_control');
  writeFileSync(
    bin,
    `#!/bin/sh\nif [ -f ${dir}/called ]; then cat ${FIXTURES}/pdns_control-2.9.22.6-1.el6-B; else touch ${dir}/called; cat ${FIXTURES}/pdns_control-2.9.22.6-1.el6-A; fi\n`,
  );
  chmodSync(bin, 0o755);
  return bin;
}

/** One DNS question (A example.com) over UDP; the server answers REFUSED, having no zone. */
function ask(port: number): Promise<void> {
  const name = Buffer.concat([...'example.com'.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)])), Buffer.from([0])]);
  const query = Buffer.concat([Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]), name, Buffer.from([0, 1, 0, 1])]);
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('message', () => {
      socket.close();
      resolve();
    });
    socket.once('error', reject);
    socket.send(query, port, '127.0.0.1');
  });
}

describe('pdns_control list', () => {
  it('reads name=value pairs, leaving out what is not a number', () => {
    expect(parsePdnsList('udp-queries=5,latency=12,security-status=x,,uptime=30,\n')).toEqual(
      new Map([
        ['udp-queries', 5],
        ['latency', 12],
        ['uptime', 30],
      ]),
    );
  });

  it("Diamond's recording: counters as per-second rates, latency and packetcache-size as levels", async () => {
    const h = new CollectorHarness(collector, { options: { bin: recordedControl() }, settings: { interval: 1 } });
    const first = await h.step({ time: 100 });
    const second = await h.step({ time: 101 });
    await h.close();
    expect(first.result.error).toBeUndefined();
    expect(Object.fromEntries(second.values)).toEqual({
      'corrupt-packets': 1,
      'deferred-cache-inserts': 2,
      'deferred-cache-lookup': 3,
      latency: 4,
      'packetcache-hit': 5,
      'packetcache-miss': 6,
      'packetcache-size': 7,
      'qsize-q': 8,
      'query-cache-hit': 9,
      'query-cache-miss': 10,
      'recursing-answers': 11,
      'recursing-questions': 12,
      'servfail-packets': 13,
      'tcp-answers': 14,
      'tcp-queries': 15,
      'timedout-packets': 16,
      'udp-answers': 17,
      'udp-queries': 18,
      'udp4-answers': 19,
      'udp4-queries': 20,
      'udp6-answers': 21,
      'udp6-queries': 22,
    });
    expect(catalogueProblems(collector, second.samples, true)).toEqual([]);
  });

  it('a binary that is missing, fails or hangs fails the run saying which and why', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-pdns-bad-'));
    const hang = path.join(dir, 'hang');
    writeFileSync(hang, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(hang, 0o755);
    const refused = path.join(dir, 'refused');
    writeFileSync(refused, '#!/bin/sh\necho "Fatal error: Unable to connect to remote \'$1\'" >&2\nexit 1\n');
    chmodSync(refused, 0o755);
    const run = async (options: Record<string, unknown>) => {
      const h = new CollectorHarness(collector, { options, settings: { interval: 1 } });
      const step = await h.step({ time: 1 });
      await h.close();
      return step.result.error?.message;
    };
    expect(await run({ bin: path.join(dir, 'nope') })).toBe(`${dir}/nope list failed: ENOENT`);
    expect(await run({ bin: refused, socket_dir: dir })).toBe(
      `${refused} --socket-dir=${dir} list failed: exited with code 1: Fatal error: Unable to connect to remote '--socket-dir=${dir}'`,
    );
    const started = performance.now();
    expect(await run({ bin: hang, command_timeout: 0.3 })).toBe(`${hang} list failed: no answer within command_timeout (0.3 s)`);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe.skipIf(!havePdns)('powerdns collector against a real PowerDNS', () => {
  let pdns: PdnsServer;
  beforeAll(async () => {
    pdns = await startPdns();
  });
  afterAll(async () => pdns?.stop());

  it('udp-queries moves with the questions asked; levels as they are', async () => {
    const h = new CollectorHarness(collector, { live: true, clock: now, options: { socket_dir: pdns.dir }, settings: { interval: 1 } });
    const startedAt = now();
    const first = await h.step({ time: startedAt });
    expect(first.result.error).toBeUndefined();
    expect(first.values.get('packetcache-size')).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < 30; i++) await ask(pdns.port);
    const second = await h.step({ time: now() });
    const elapsed = now() - startedAt;
    await h.close();
    expect(second.result.error).toBeUndefined();
    expect((second.values.get('udp-queries') ?? 0) * elapsed).toBeGreaterThanOrEqual(29);
    expect(second.values.size).toBeGreaterThan(50);
    const listed = parsePdnsList(execFileSync(PDNS_CONTROL, [`--socket-dir=${pdns.dir}`, 'list'], { encoding: 'utf8' }));
    expect([...second.values.keys()].sort()).toEqual([...listed.keys()].sort());
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { socket_dir: pdns.dir }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});
