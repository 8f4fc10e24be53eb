import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveLines, FIXTURES, lastValue, runCli, sleep, startAgent, tempDir, writeConfig } from './helpers.js';

// A spool disk that is full, read-only or not writable is that handler's problem only; secrets
// never reach `config print` or the log; hostile config files are exit 78 naming file and key.

const DOWN = path.join(FIXTURES, 'hostile', 'h-throws.mjs');
const isRoot = process.getuid?.() === 0;
const rootReason = 'needs root to mount a tmpfs (CI runs as root)';

function spoolConfig(dir: string, spoolDir: string): string {
  return writeConfig(
    dir,
    `agent: { hostname: h, telemetry_interval: 1 }
collectors:
  cpu: { interval: 0.5, splay: 0 }
  memory: { interval: 0.5, splay: 0 }
handlers:
  archive: { path: ${path.join(dir, 'archive.log')} }
  down: { plugin: ${DOWN}, spool_dir: ${spoolDir}, spool_max_mb: 8, retry_initial: 0.2, retry_max: 0.5, max_queue_samples: 2000 }
`,
  );
}

/** Runs an agent whose `down` handler spools into `spoolDir`; returns its archive lines and stderr. */
async function runWithSpool(
  spoolDir: string,
  options: { uid?: number; gid?: number } = {},
): Promise<{ lines: Array<[string, number, number]>; stderr: string; dir: string; config: string }> {
  const dir = tempDir('spool-fault');
  chmodSync(dir, 0o777);
  const config = spoolConfig(dir, spoolDir);
  chmodSync(config, 0o644);
  const agent = startAgent(config, dir, options);
  await sleep(6_000);
  expect(agent.exited).toBe(false);
  expect(await agent.stop()).toBe(0);
  return { lines: archiveLines(path.join(dir, 'archive.log')), stderr: agent.output().stderr, dir, config };
}

function expectOthersUnharmed(lines: Array<[string, number, number]>): void {
  expect(lines.filter(([p]) => p === 'servers.h.memory.MemTotal').length).toBeGreaterThanOrEqual(8);
  expect(lastValue(lines, 'servers.h.spinel.handlers.archive.dropped')).toBe(0);
  expect(lastValue(lines, 'servers.h.spinel.collectors.cpu.errors')).toBe(0);
}

function mountTmpfs(sizeKb: number): string {
  const mnt = tempDir('tmpfs');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', mnt]);
  return mnt;
}

describe('a spool disk that refuses', () => {
  it.skipIf(!isRoot)(
    `a full 64 KB tmpfs: the agent keeps running, counts spool_errors, logs once with dir and errno, leaves no .tmp (${rootReason})`,
    async () => {
      const mnt = mountTmpfs(64);
      try {
        const { lines, stderr, config } = await runWithSpool(mnt);
        expectOthersUnharmed(lines);
        expect(lastValue(lines, 'servers.h.spinel.handlers.down.spool_errors')).toBeGreaterThanOrEqual(1);
        expect(lastValue(lines, 'servers.h.spinel.handlers.down.spooled')).toBeGreaterThan(0);
        const failures = stderr.split('\n').filter((l) => l.includes('handler down: cannot write its spool'));
        expect(failures).toHaveLength(1);
        expect(failures[0]).toContain(`${path.join(mnt, 'down')} (ENOSPC`);
        expect(failures[0]).toContain('errno=ENOSPC');
        expect(readdirSync(path.join(mnt, 'down')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
        expect(statSync(path.join(mnt, 'down')).mode & 0o777).toBe(0o700);
        const spoolFile = readdirSync(path.join(mnt, 'down')).find((f) => f.endsWith('.batch'));
        expect(statSync(path.join(mnt, 'down', spoolFile ?? '')).mode & 0o777).toBe(0o600);
        // config check now tries the spool folder, finds the disk full, and says so.
        const check = await runCli(['config', 'check', config]);
        expect(check.code).toBe(78);
        expect(check.stderr).toContain(
          `handlers.down.spool_dir: expected a directory the agent can create and write (${path.join(mnt, 'down')}), found ENOSPC`,
        );
      } finally {
        execFileSync('umount', [mnt]);
      }
    },
    60_000,
  );

  it.skipIf(!isRoot)(
    `a read-only remount: the same, with EROFS (${rootReason})`,
    async () => {
      const mnt = mountTmpfs(1024);
      execFileSync('mount', ['-o', 'remount,ro', mnt]);
      try {
        const { lines, stderr } = await runWithSpool(mnt);
        expectOthersUnharmed(lines);
        expect(lastValue(lines, 'servers.h.spinel.handlers.down.spool_errors')).toBe(1);
        expect(stderr).toMatch(/handler down: cannot open its spool in \S+ \(EROFS: read-only file system.*errno=EROFS/);
        // Held in its bounded memory queue instead.
        expect(lastValue(lines, 'servers.h.spinel.handlers.down.queue_length')).toBeGreaterThan(0);
        expect(lastValue(lines, 'servers.h.spinel.handlers.down.spooled')).toBe(0);
      } finally {
        execFileSync('umount', [mnt]);
      }
    },
    60_000,
  );

  it('a mode 0500 spool directory (the agent running as an unprivileged user): EACCES, the others unharmed', async () => {
    const spoolRoot = tempDir('spool-0500');
    chmodSync(spoolRoot, 0o500);
    // Root ignores permissions, so as root the agent runs as nobody, as a packaged agent would.
    const { lines, stderr } = await runWithSpool(spoolRoot, isRoot ? { uid: 65534, gid: 65534 } : {});
    expectOthersUnharmed(lines);
    expect(lastValue(lines, 'servers.h.spinel.handlers.down.spool_errors')).toBe(1);
    expect(stderr).toMatch(/handler down: cannot open its spool in \S+ \(EACCES: permission denied/);
    expect(existsSync(path.join(spoolRoot, 'down'))).toBe(false);
  }, 60_000);
});

describe('secrets', () => {
  it('never appear in config print or the log, even when a server echoes the request headers', async () => {
    const received: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      received.push(req.headers);
      req.resume();
      req.on('end', () => {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end(`unauthorized; you sent authorization: ${req.headers.authorization} x-api-key: ${String(req.headers['x-api-key'])} url ${req.url}\n`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const dir = tempDir('secrets');
    const config = writeConfig(
      dir,
      `agent: { hostname: h, telemetry_interval: 1 }
collectors:
  memory: { interval: 0.5, splay: 0 }
handlers:
  http:
    url: http://alice:pw-in-the-url@127.0.0.1:${port}/ingest?db=metrics&api_key=QUERY-SECRET-1
    headers: { X-Api-Key: HEADER-SECRET-2, X-Tenant: blue }
    flush_interval: 0.2
`,
    );
    try {
      const printed = await runCli(['config', 'print', config]);
      expect(printed.code).toBe(0);
      expect(printed.stdout).toContain('http://alice:<redacted>@127.0.0.1');
      expect(printed.stdout).toContain('X-Tenant: blue');
      const agent = startAgent(config, dir);
      await sleep(3_000);
      await agent.stop();
      const basic = Buffer.from('alice:pw-in-the-url').toString('base64');
      // The URL's userinfo is used as Basic auth, not dropped.
      expect(received[0]?.authorization).toBe(`Basic ${basic}`);
      const { stderr } = agent.output();
      expect(stderr).toMatch(/HTTP 401: unauthorized; you sent authorization: Basic <redacted> x-api-key: <redacted>/);
      for (const secret of ['pw-in-the-url', 'QUERY-SECRET-1', 'HEADER-SECRET-2', basic]) {
        expect(printed.stdout).not.toContain(secret);
        expect(stderr).not.toContain(secret);
      }
    } finally {
      server.close();
    }
  }, 30_000);
});

describe('config files every user can read', () => {
  it('config check and spinel run warn about a world-readable file holding an API key, main or included; 0640 is quiet', async () => {
    const dir = tempDir('modes');
    mkdirSync(path.join(dir, 'conf.d'));
    const main = writeConfig(
      dir,
      `agent: { hostname: h, status: { enabled: false } }\ninclude: conf.d/*.yaml\ncollectors:\n  loadavg: {}\nhandlers:\n  archive: { path: ${path.join(dir, 'archive.log')} }\n`,
    );
    const included = writeConfig(path.join(dir, 'conf.d'), 'handlers:\n  metricly: { api_key: k3y-0f-the-operator }\n', 'metricly.yaml');
    chmodSync(main, 0o644);
    chmodSync(included, 0o644);
    const loud = await runCli(['config', 'check', main]);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toContain(
      `warning: ${included} holds a secret (an API key, token or password) and every local user can read it (mode 0644); chmod 640 it`,
    );
    expect(loud.stderr).not.toContain(`warning: ${main}`); // it holds no secret
    expect(loud.stderr).not.toContain('k3y-0f-the-operator');
    const agent = startAgent(main, dir);
    await sleep(2500);
    expect(await agent.stop()).toBe(0);
    expect(agent.output().stderr).toMatch(new RegExp(`WARN \\[agent\\] ${included.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} holds a secret`));
    chmodSync(included, 0o640);
    expect((await runCli(['config', 'check', main])).stderr).toBe('');
  }, 30_000);
});

describe('hostile config files', () => {
  it('a directory, a file over the size cap and a host name with control bytes are exit 78 naming file and key', async () => {
    const dir = tempDir('bad-config-files');
    const asDir = path.join(dir, 'conf.yaml');
    mkdirSync(asDir);
    const directory = await runCli(['config', 'check', asDir]);
    expect(directory.code).toBe(78);
    expect(directory.stderr).toContain(`${asDir}: (file): expected a readable YAML or JSON config file of at most 1048576 bytes, found a directory`);
    const big = writeConfig(dir, `# ${'x'.repeat(2 * 1024 * 1024)}\n`, 'big.yaml');
    const tooBig = await runCli(['run', '--config', big]);
    expect(tooBig.code).toBe(78);
    expect(tooBig.stderr).toContain(`${big}: (file): expected a readable YAML or JSON config file of at most 1048576 bytes, found 2097155 bytes`);
    const host = writeConfig(dir, 'agent: { hostname: "web\\u0000\\u001b[31m1" }\n', 'host.yaml');
    const badHost = await runCli(['config', 'check', host]);
    expect(badHost.code).toBe(78);
    expect(badHost.stderr).toContain(
      `${host}: agent.hostname: expected a metric path part without whitespace or control characters, found "web\\u0000\\u001b[31m1"`,
    );
    const bomb = writeConfig(
      dir,
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
      'bomb.yaml',
    );
    const aliasBomb = await runCli(['config', 'check', bomb]);
    expect(aliasBomb.code).toBe(78);
    expect(aliasBomb.stderr).toContain(`${bomb}: (document): expected at most 100 alias expansions (*name)`);
  }, 30_000);
});
