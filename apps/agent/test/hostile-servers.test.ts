// Servers that answer too much: a /metrics of a million series, a JSON document that never ends.
// The prometheus input publishes max_series of them as the lines arrive (its worker's 64 MB heap
// never holds the answer); httpjson stops reading at its cap. Once the servers answer sanely
// again, the agent's memory comes back near where it started.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { archiveLines, lastValue, sleep, startAgent, tempDir, waitFor, writeConfig } from './helpers.js';

const SERIES = 1_000_000;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1]) / 1024;
}

/** /metrics and /doc: hostile until `sane` is set, then a few lines and a small document. */
function hostileServer(): { server: http.Server; sane: () => void; ready: Promise<number> } {
  let hostile = true;
  const server = http.createServer((req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      if (!hostile) return res.end('# TYPE up gauge\nup 1\n');
      let i = 0;
      const more = (): void => {
        while (i < SERIES) {
          const lines: string[] = [];
          for (const end = Math.min(SERIES, i + 10_000); i < end; i++) lines.push(`hs{i="${i}"} 1`); // about 15 MB in all, under the 32 MB cap
          if (!res.write(`${lines.join('\n')}\n`)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    if (!hostile) return res.end('{"requests": 1}');
    // A document that never ends, one megabyte at a time.
    res.write('{"values": [');
    const chunk = `${'1,'.repeat(512 * 1024)}`;
    const more = (): void => {
      while (res.write(chunk));
      if (!res.destroyed) res.once('drain', more);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    more();
  });
  const ready = new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return { server, sane: () => void (hostile = false), ready };
}

describe('servers that answer too much', () => {
  it('a million series and an endless document: max_series published from the stream, reading stopped at the cap, memory given back', async () => {
    const { server, sane, ready } = hostileServer();
    onTestFinished(() => void server.close());
    const port = await ready;
    const dir = tempDir('hostile-servers');
    const archive = path.join(dir, 'archive.log');
    const config = writeConfig(
      dir,
      `agent: { hostname: h, telemetry_interval: 1, status: { enabled: false } }
collectors:
  defaults: { interval: 2, splay: 0 }
  cpu: { interval: 1 }
  prometheus: { url: http://127.0.0.1:${port}/metrics, timeout: 10, request_timeout: 10 }
  httpjson: { url: http://127.0.0.1:${port}/doc }
handlers:
  archive: { path: ${archive} }
`,
    );
    const agent = startAgent(config, dir);
    onTestFinished(() => void agent.stop('SIGKILL'));
    await waitFor(() => agent.output().stderr.includes('agent started'), 20_000, 'the agent');
    const pid = agent.child.pid!;
    await sleep(1000);
    const baseline = rssMb(pid);
    let peak = 0;
    for (let t = 0; t < 16; t++) {
      peak = Math.max(peak, rssMb(pid));
      await sleep(1000);
    }
    sane();
    await sleep(12_000);
    const after = rssMb(pid);
    expect(agent.exited).toBe(false);
    expect(await agent.stop()).toBe(0);
    const { stderr } = agent.output();
    const lines = archiveLines(archive);
    const stat = (collector: string, key: string) => lastValue(lines, `servers.h.spinel.collectors.${collector}.${key}`) ?? 0;
    console.log(
      `hostile servers: agent RSS ${baseline.toFixed(0)} MB at start, ${peak.toFixed(0)} MB at most, ${after.toFixed(0)} MB once the servers turned sane`,
    );
    expect(stat('prometheus', 'restarts')).toBe(0);
    expect(stderr).toContain(`GET http://127.0.0.1:${port}/metrics has ${SERIES} series to publish; publishing the first 5000 (max_series)`);
    const perScrape = new Map<number, number>();
    for (const [p, , t] of lines) if (p.startsWith('servers.h.prometheus.hs.')) perScrape.set(t, (perScrape.get(t) ?? 0) + 1);
    expect([...perScrape.values()].some((n) => n === 5000)).toBe(true);
    expect(Math.max(...perScrape.values())).toBeLessThanOrEqual(5000);
    expect(lines.some(([p]) => p === 'servers.h.prometheus.up')).toBe(true);
    expect(stderr).toContain(`GET http://127.0.0.1:${port}/doc answered more than 4194304 bytes (the collector's cap; reading stopped there)`);
    expect(stat('httpjson', 'restarts')).toBe(0);
    expect(lines.some(([p]) => p === 'servers.h.httpjson.requests')).toBe(true);
    expect(peak - baseline).toBeLessThan(150);
    expect(after - baseline).toBeLessThan(60);
  }, 90_000);
});
