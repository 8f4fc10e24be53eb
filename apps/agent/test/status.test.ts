// The status server of a running `spinel run`: its JSON API, `spinel status`, the token rule,
// and the page in Debian's Chromium driven by playwright-core.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../tooling/services/process.mjs';
import { REPO, runCli, startAgent, tempDir, waitFor, writeConfig, type RunningAgent } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`status page browser test skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does)`);

interface Status {
  healthy: boolean;
  problems: string[];
  collectors: Array<{ key: string; state: string; last_error: { message: string; stack?: string } | null; runs: number }>;
  handlers: Array<{ key: string; state: string; written: number }>;
  workers: Array<{ group: string; state: string; plugins: string[]; heap_used_bytes: number | null }>;
  config: { file: string; sha256: string };
}

async function getJson<T>(url: string, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as T };
}

/** Debian's Chromium, headless, with a fresh user data dir (playwright takes it as the persistent context's folder). */
async function launchChromium(name: string) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(tempDir(name), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the status server of spinel run', () => {
  const dir = tempDir('status');
  let port = 0;
  let deadPort = 0;
  let agent: RunningAgent;
  let base = '';

  beforeAll(async () => {
    port = await freePort();
    deadPort = await freePort();
    // cpu works; redis points at a port nobody listens on, so it fails with a clear error.
    const config = writeConfig(
      dir,
      `agent:
  hostname: statushost
  status: { port: ${port}, history_step: 1 }
collectors:
  defaults: { interval: 1, splay: 0 }
  cpu: {}
  redis: { host: 127.0.0.1, port: ${deadPort} }
handlers:
  archive: { path: ${path.join(dir, 'archive.log')} }
`,
    );
    agent = startAgent(config, dir);
    base = `http://127.0.0.1:${port}`;
    await waitFor(() => agent.output().stderr.includes(`status page on ${base}/`), 20_000, 'the status server');
    await waitFor(() => agent.output().stderr.includes('collector redis failed'), 20_000, 'the redis collector failing');
  }, 40_000);

  afterAll(async () => {
    await agent.stop();
  });

  it('/api/status: every plugin, its state and last error with stack, workers, config hash; unhealthy while one fails', async () => {
    const { status, body } = await getJson<Status>(`${base}/api/status`);
    expect(status).toBe(200);
    expect(body.collectors.map((c) => c.key)).toEqual(['cpu', 'redis']);
    expect(body.handlers.map((h) => h.key)).toEqual(['archive']);
    const cpu = body.collectors.find((c) => c.key === 'cpu');
    const redis = body.collectors.find((c) => c.key === 'redis');
    expect(cpu?.state).toBe('ok');
    expect(redis?.state).toBe('failing');
    expect(redis?.last_error?.message).toContain(`127.0.0.1:${deadPort}`);
    expect(redis?.last_error?.stack).toBeTruthy();
    expect(body.healthy).toBe(false);
    expect(body.problems.join('\n')).toContain(`collector redis failed: cannot connect to redis at 127.0.0.1:${deadPort}`);
    expect(body.config.file).toBe(path.join(dir, 'spinel.yaml'));
    expect(body.config.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(body.workers.flatMap((w) => w.plugins).sort()).toEqual(['archive', 'cpu', 'redis']);
    expect(body.workers.every((w) => w.state === 'ready')).toBe(true);
  });

  it('/api/series lists recent paths and gives a series its values; unknown things are 404', async () => {
    await until(
      async () => (await getJson<{ paths: string[] }>(`${base}/api/series?filter=cpu.total.idle`)).body.paths.length > 0,
      'a cpu rate in the metric browser',
    );
    const list = await getJson<{ paths: string[] }>(`${base}/api/series?filter=cpu.total.idle`);
    expect(list.body.paths).toEqual(['servers.statushost.cpu.total.idle']);
    const series = await getJson<{ values: Array<[number, number]> }>(`${base}/api/series?path=servers.statushost.cpu.total.idle`);
    expect(series.body.values.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/api/series?path=no.such.metric`)).status).toBe(404);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    expect((await fetch(`${base}/api/status`, { method: 'DELETE' })).status).toBe(405);
  });

  it('spinel status prints the table and exits 2 while a plugin fails; 69 when nothing answers', async () => {
    const failing = await runCli(['status', '--url', base]);
    expect(failing.code).toBe(2);
    expect(failing.stdout).toContain('UNHEALTHY');
    expect(failing.stdout).toMatch(/collector\s+redis\s+failing/);
    expect(failing.stdout).toMatch(/collector\s+cpu\s+ok/);
    const closed = await runCli(['status', '--url', `http://127.0.0.1:${deadPort}`]);
    expect(closed.code).toBe(69);
    expect(closed.stderr).toContain(`no agent status at http://127.0.0.1:${deadPort} (ECONNREFUSED)`);
    // Something else on the port (a web server's page, a JSON API of another program): said plainly.
    const http = await import('node:http');
    for (const [type, body] of [
      ['text/html', '<html><body>It works!</body></html>'],
      ['application/json', '{"version":"1.2"}'],
    ] as const) {
      const other = http.createServer((_req, res) => res.writeHead(200, { 'content-type': type }).end(body));
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      const otherPort = (other.address() as { port: number }).port;
      for (const command of ['status', 'reload']) {
        const answer = await runCli([command, '--url', `http://127.0.0.1:${otherPort}`]);
        expect(answer.code).toBe(69);
        expect(answer.stderr).toContain(
          `spinel: something answered at http://127.0.0.1:${otherPort}, but not a Spinel status server (HTTP 200, ${type}: ${JSON.stringify(body)})`,
        );
        expect(answer.stderr).not.toMatch(/SyntaxError|TypeError|at .*\.js:\d+/);
      }
      other.close();
    }
  });

  it.skipIf(!haveChromium)(
    'the page in Chromium: every plugin, the failing one with its error, a growing heap chart, a cpu series',
    async () => {
      const browser = await launchChromium('chromium');
      try {
        const page = await browser.newPage();
        await page.goto(`${base}/`);
        const rows = page.locator('[data-testid=plugins] tbody tr');
        await rows.first().waitFor();
        expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key))).toEqual(['cpu', 'redis', 'archive']);
        const redis = page.locator('tr[data-key=redis]');
        expect(await redis.locator('.state').textContent()).toBe('failing');
        expect(await redis.textContent()).toContain(`127.0.0.1:${deadPort}`);
        expect(await page.locator('[data-testid=health]').textContent()).toBe('unhealthy');
        // Which host, each collector's interval and each handler's destination.
        expect(await page.locator('[data-testid=host]').textContent()).toBe('on statushost');
        expect(await page.locator('tr[data-key=cpu] td.where').textContent()).toBe('every 1 s');
        expect(await page.locator('tr[data-key=archive] td.where').textContent()).toBe(path.join(dir, 'archive.log'));
        // The metric list is filled with the first paint, before anyone types a filter.
        await page.waitForFunction(() => document.querySelectorAll('[data-testid=paths] option').length > 0);
        expect(await page.locator('[data-testid=paths] option').first().textContent()).toMatch(/^servers\.statushost\./);

        // A point a second (history_step: 1); the page redraws every 15 s, so reload to see more.
        const heapPoints = async (): Promise<number> => Number((await page.locator('[data-testid=chart-heap]').getAttribute('data-points')) ?? 0);
        await page.waitForFunction(() => Number(document.querySelector('[data-testid=chart-heap]')?.getAttribute('data-points') ?? 0) > 0);
        const before = await heapPoints();
        await new Promise((r) => setTimeout(r, 3000));
        await page.reload();
        await page.waitForFunction((n) => Number(document.querySelector('[data-testid=chart-heap]')?.getAttribute('data-points') ?? 0) > n, before);
        expect(await heapPoints()).toBeGreaterThan(before);
        // Axes: time ticks (HH:MM:SS over a short span) along the bottom, values from 0 at the left.
        const ticks = async (kind: string): Promise<string[]> => page.locator(`[data-testid=chart-heap] text.tick-${kind}`).allTextContents();
        expect((await ticks('x')).length).toBeGreaterThanOrEqual(2);
        for (const label of await ticks('x')) expect(label).toMatch(/^\d\d:\d\d:\d\d$/);
        const values = (await ticks('y')).map(Number);
        expect(values[0]).toBe(0);
        expect(values.length).toBeGreaterThanOrEqual(2);
        expect(values).toEqual([...values].sort((a, b) => a - b));

        await page.fill('[data-testid=filter]', 'cpu.total.idle');
        await page.waitForFunction(() => document.querySelectorAll('[data-testid=paths] option').length === 1);
        await page.selectOption('[data-testid=paths]', 'servers.statushost.cpu.total.idle');
        await page.waitForFunction(() => Number(document.querySelector('[data-testid=chart-series]')?.getAttribute('data-points') ?? 0) > 0);
        expect(await page.locator('#series-title').textContent()).toBe('servers.statushost.cpu.total.idle');

        // A refused reload shows on the page with the config check's message.
        const file = path.join(dir, 'spinel.yaml');
        const good = readFileSync(file, 'utf8');
        writeFileSync(file, good.replace('cpu: {}', 'cpu: { percore: maybe }'));
        agent.child.kill('SIGHUP');
        await page.waitForFunction(() => document.querySelector('[data-testid=reloads] li[data-ok=false]') !== null, undefined, { timeout: 15_000 });
        expect(await page.locator('[data-testid=reloads] li[data-ok=false]').textContent()).toContain('collectors.cpu.percore');
        writeFileSync(file, good);

        const out = path.join(REPO, '.test-output');
        mkdirSync(out, { recursive: true });
        await page.screenshot({ path: path.join(out, 'status-page.png'), fullPage: true });
        console.log(`status page screenshot: ${path.join(out, 'status-page.png')}`);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
  it.skipIf(!haveChromium)(
    'a page on another origin cannot reload: a no-cors fetch and an auto-submitted form from Chromium are refused',
    async () => {
      const http = await import('node:http');
      const reloadsNow = async (): Promise<number> => (await getJson<{ reloads: unknown[] }>(`${base}/api/status`)).body.reloads.length;
      const before = await reloadsNow();
      const attack = `<!doctype html><body><script>
      fetch('${base}/api/reload', { method: 'POST', mode: 'no-cors', body: 'x' }).then(() => { document.title = 'fetched'; }, () => { document.title = 'fetch failed'; });
    </script>
    <form id=f method=POST action='${base}/api/reload' enctype='text/plain'><input name=a value=b></form></body>`;
      const evil = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attack));
      await new Promise<void>((resolve) => evil.listen(0, '127.0.0.2', resolve));
      const evilPort = (evil.address() as { port: number }).port;
      const browser = await launchChromium('chromium-evil');
      try {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.2:${evilPort}/`);
        await page.waitForFunction(() => document.title !== '');
        expect(await page.title()).toBe('fetched'); // an opaque answer: the request went out
        await Promise.all([page.waitForURL(`${base}/api/reload`), page.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit())]);
        expect(await page.textContent('body')).toContain('reload over TCP needs agent.status.token');
      } finally {
        await browser.close();
        evil.close();
      }
      expect(await reloadsNow()).toBe(before);
    },
    60_000,
  );
});

describe('status server settings', () => {
  it('beyond loopback without a token, config check refuses naming the key; with a token, requests need it', async () => {
    const dir = tempDir('status-token');
    const open = writeConfig(dir, `agent: { status: { listen: 0.0.0.0 } }\ncollectors: { loadavg: {} }\nhandlers: { console: {} }\n`, 'open.yaml');
    const check = await runCli(['config', 'check', open]);
    expect(check.code).toBe(78);
    expect(check.stderr).toContain(
      'agent.status.token: expected a bearer token, since the status server listens on 0.0.0.0, beyond loopback (or insecure: true), found none',
    );

    const port = await freePort();
    const guarded = writeConfig(
      dir,
      `agent: { status: { port: ${port}, token: s3cret-token } }\ncollectors: { loadavg: { interval: 1 } }\nhandlers: { archive: { path: ${path.join(dir, 'a.log')} } }\n`,
      'guarded.yaml',
    );
    const agent = startAgent(guarded, dir);
    try {
      await waitFor(() => agent.output().stderr.includes('status page on'), 20_000, 'the status server');
      expect((await fetch(`http://127.0.0.1:${port}/api/status`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/api/status`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await getJson<Status>(`http://127.0.0.1:${port}/api/status`, 's3cret-token')).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/?token=s3cret-token`)).status).toBe(200);
      // spinel status reads address and token from the same config, and all is well: exit 0.
      await until(
        async () => (await getJson<Status>(`http://127.0.0.1:${port}/api/status`, 's3cret-token')).body.collectors.every((c) => c.runs > 0),
        'a first loadavg run',
      );
      const healthy = await runCli(['status', '--config', guarded]);
      expect(healthy.stdout).toContain('healthy');
      expect(healthy.code).toBe(0);
      const printed = await runCli(['config', 'print', guarded]);
      expect(printed.stdout).not.toContain('s3cret-token');
    } finally {
      await agent.stop();
    }
  }, 40_000);

  it('SPINEL_STATUS_ADDRESS and --status-address move the server and tell spinel status where to ask; a config that does not check still gives its address', async () => {
    const dir = tempDir('status-address');
    const port = await freePort();
    const env = { SPINEL_STATUS_ADDRESS: `127.0.0.1:${port}` };
    const config = writeConfig(dir, `collectors: { loadavg: { interval: 1 } }\nhandlers: { archive: { path: ${path.join(dir, 'a.log')} } }\n`, 'plain.yaml');
    const agent = startAgent(config, dir, { env });
    try {
      await waitFor(() => agent.output().stderr.includes('status page on'), 20_000, 'the status server');
      await until(async () => (await getJson<Status>(`http://127.0.0.1:${port}/api/status`)).body.collectors.every((c) => c.runs > 0), 'a first loadavg run');
      const viaEnv = await runCli(['status'], { env });
      expect(viaEnv.stdout).toContain('healthy');
      expect(viaEnv.code).toBe(0);
      // The moment after a refused reload: the file does not check, yet it names the port.
      const broken = writeConfig(dir, `agent: { status: { port: ${port} } }\ncollectors: { loadavg: { interval: -1 } }\n`, 'broken.yaml');
      const viaBroken = await runCli(['status', '--config', broken]);
      expect(viaBroken.stderr).toContain('broken.yaml does not pass config check (1 issue; see spinel config check); reading only its agent.status');
      expect(viaBroken.code).toBe(0);
    } finally {
      await agent.stop();
    }
    const moved = startAgent(config, dir, { args: ['--status-address', String(port)] });
    try {
      await waitFor(() => moved.output().stderr.includes('status page on'), 20_000, 'the status server on the flag port');
      expect((await fetch(`http://127.0.0.1:${port}/api/status`)).status).toBe(200);
    } finally {
      await moved.stop();
    }
    const refused = await runCli(['run', '--config', config, '--status-address', `0.0.0.0:${port}`]);
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain('--status-address: agent.status.token: expected a bearer token, since the status server would listen on 0.0.0.0');
    const garbled = await runCli(['status'], { env: { SPINEL_STATUS_ADDRESS: 'here:there' } });
    expect(garbled.stderr).toContain('SPINEL_STATUS_ADDRESS: expected HOST:PORT, [IPv6]:PORT or PORT, found "here:there"');
  }, 60_000);

  it('a status port already taken is logged and the agent runs on', async () => {
    const dir = tempDir('status-taken');
    const port = await freePort();
    const config = (name: string) =>
      writeConfig(
        dir,
        `agent: { status: { port: ${port} } }\ncollectors: { loadavg: { interval: 1 } }\nhandlers: { archive: { path: ${path.join(dir, `${name}.log`)} } }\n`,
        `${name}.yaml`,
      );
    const first = startAgent(config('first'), dir);
    try {
      await waitFor(() => first.output().stderr.includes('status page on'), 20_000, 'the first status server');
      const second = startAgent(config('second'), dir);
      try {
        await waitFor(() => second.output().stderr.includes('agent started'), 20_000, 'the second agent');
        expect(second.output().stderr).toContain(`status server not started: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
        expect(second.exited).toBe(false);
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
    }
  }, 40_000);
});
