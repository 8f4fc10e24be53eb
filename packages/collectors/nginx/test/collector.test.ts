// Against an nginx of the test's own (Debian's nginx-light) on a free port with stub_status on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { parseStubStatus } from '@spinel/collector-nginx';
import { startSilentServer } from '../../../../tooling/services/process.mjs';
import { haveNginx, startNginx, type NginxServer } from '../../../../tooling/services/nginx.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!haveNginx)
  console.log('nginx collector: /usr/sbin/nginx is missing (apt-get install nginx-light; .ci/run does), so the tests against a real nginx are skipped');

const now = (): number => Date.now() / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('stub_status page', () => {
  it('reads the four lines, and says what is missing from a page that is not one', () => {
    expect(parseStubStatus('Active connections: 3 \nserver accepts handled requests\n 396396 396395 400000 \nReading: 2 Writing: 1 Waiting: 0 \n')).toEqual({
      active: 3,
      accepts: 396396,
      handled: 396395,
      requests: 400000,
      reading: 2,
      writing: 1,
      waiting: 0,
    });
    expect(parseStubStatus('<html>Welcome to nginx!</html>')).toBe(
      "a page that is not nginx's stub_status (it lacks `Active connections:`, the accepts/handled/requests line, `Reading: Writing: Waiting:`)",
    );
  });
});

describe.skipIf(!haveNginx)('nginx collector against a real nginx', () => {
  let nginx: NginxServer;
  beforeAll(async () => {
    nginx = await startNginx();
  });
  afterAll(async () => nginx?.stop());

  const harness = (options: Record<string, unknown> = {}) =>
    new CollectorHarness(collector, {
      live: true,
      clock: now,
      options: { req_host: '127.0.0.1', req_port: nginx.port, ...options },
      settings: { interval: 1 },
    });

  it('requests and connections move with the load; names and types as Diamond', async () => {
    const h = harness();
    const startedAt = now();
    const first = await h.step({ time: startedAt });
    expect(first.result.error).toBeUndefined();
    // 50 requests on 50 fresh connections (no keep-alive), then a second's wait.
    for (let i = 0; i < 50; i++) await fetch(`${nginx.url}/`, { headers: { connection: 'close' } }).then((r) => r.text());
    await sleep(1000);
    const second = await h.step({ time: now() });
    const elapsed = now() - startedAt;
    await h.close();
    expect(second.result.error).toBeUndefined();
    const v = second.values;
    // Rates over the real time between the two readings: times that time, at least the 50 requests.
    expect((v.get('req_handled') ?? 0) * elapsed).toBeGreaterThanOrEqual(49);
    expect((v.get('conn_accepted') ?? 0) * elapsed).toBeGreaterThanOrEqual(49);
    expect(v.get('conn_handled')).toBe(v.get('conn_accepted'));
    expect(v.get('active_connections')).toBeGreaterThanOrEqual(1); // ours, reading the page
    expect(v.get('act_writes')).toBeGreaterThanOrEqual(1);
    expect(v.get('req_per_conn')).toBeGreaterThan(0);
    expect(catalogueProblems(collector, second.samples, true)).toEqual([]);
  });

  it('keeps one connection across 100 runs (nginx accepts one, not one per run), closed on stop', async () => {
    const h = harness();
    const before = (await h.step({ time: now() })).values;
    const accepted = async (): Promise<number> =>
      (parseStubStatus(await (await fetch(`${nginx.url}/nginx_status`, { headers: { connection: 'close' } })).text()) as { accepts: number }).accepts;
    const start = await accepted();
    for (let i = 0; i < 100; i++) await h.step({ time: now() });
    const end = await accepted();
    await h.close();
    expect(before.get('active_connections')).toBeGreaterThanOrEqual(1);
    // The 100 runs opened no connection of their own; the one extra is the accepted() call itself.
    expect(end - start).toBe(1);
  });

  it('names the URL when nginx is down, and recovers when it is back', async () => {
    const h = harness();
    expect((await h.step({ time: now() })).result.error).toBeUndefined();
    await nginx.stop();
    let down: Awaited<ReturnType<typeof h.step>>;
    try {
      down = await h.step({ time: now() });
    } finally {
      await nginx.start();
    }
    expect(down.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    // The kept connection is closed by the stop, then the next one is refused.
    expect(down.result.error?.message).toMatch(
      new RegExp(`^GET http://127\\.0\\.0\\.1:${nginx.port}/nginx_status failed: (connect ECONNREFUSED|other side closed|UND_ERR_SOCKET)`),
    );
    const up = await h.step({ time: now() });
    await h.close();
    expect(up.result.error).toBeUndefined();
    expect(up.values.get('active_connections')).toBeGreaterThanOrEqual(1);
  });

  it('a page that is not stub_status fails the run saying so', async () => {
    const h = harness({ req_path: '/' });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error?.message).toBe(
      `GET http://127.0.0.1:${nginx.port}/ answered a page that is not nginx's stub_status (it lacks \`Active connections:\`, the accepts/handled/requests line, \`Reading: Writing: Waiting:\`)`,
    );
    expect(step.samples).toEqual([]);
  });

  it('a server that accepts and never answers: the run ends at request_timeout, the next run works', async () => {
    const silent = await startSilentServer();
    const { port } = silent;
    const h = harness({ req_port: port, request_timeout: 0.5 });
    const started = performance.now();
    const step = await h.step({ time: now() });
    await silent.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(step.result.error?.message).toContain(`GET http://127.0.0.1:${port}/nginx_status failed: UND_ERR_HEADERS_TIMEOUT`);
    await h.close();
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { req_host: '127.0.0.1', req_port: nginx.port }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});
