import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVerdaccio, type Registry } from '../../../tooling/services/verdaccio.mjs';
import { archiveLines, REPO, tempDir, waitFor } from './helpers.js';

// The journey docs/plugins.md walks, against a local registry, with nothing from this repository
// but what `pnpm release` published: an author creates, installs, tests, checks, collects from,
// soaks and publishes a collector and a handler in empty folders; an operator installs the agent
// and both plugins by name and runs them; `npm install -g @spinel/agent && spinel run` works.

let registry: Registry;

interface Ran {
  code: number | null;
  /** stdout and stderr together, as a terminal shows them. */
  out: string;
  stdout: string;
}

/** Runs a command with the registry's npm config; fails the test with its output unless it exits `expect`. */
function run(command: string, args: string[], cwd: string, { timeoutMs = 300_000, expectCode = 0 as number | undefined } = {}): Ran {
  const result = spawnSync(command, args, { cwd, env: registry.env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const out = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (expectCode !== undefined && result.status !== expectCode) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status ?? result.signal}, expected ${expectCode}:\n${out.slice(-6000)}`);
  }
  return { code: result.status, out, stdout: result.stdout ?? '' };
}

/** This checkout as it stands (committed or not), without what git ignores: what a maintainer releases from. */
function copyCheckout(): string {
  const dest = tempDir('release');
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(path.join(REPO, file))) continue;
    mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    cpSync(path.join(REPO, file), path.join(dest, file));
  }
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    ['-c', 'user.name=Release', '-c', 'user.email=release@example.test', 'commit', '-q', '-m', 'release'],
  ]) {
    run('git', args, dest);
  }
  return dest;
}

beforeAll(async () => {
  registry = await startVerdaccio();
  const checkout = copyCheckout();
  // The maintainer's release, unchanged: only the npm config says where it goes.
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], checkout, { timeoutMs: 600_000 });
  run('pnpm', ['release'], checkout, { timeoutMs: 900_000 });
}, 1_500_000);

afterAll(async () => {
  await registry?.stop();
});

/** What a published package's latest version is on the registry. */
function published(name: string): string {
  return run('npm', ['view', name, 'version'], tempDir('view')).stdout.trim();
}

/** An author's new plugin, from `npm create` to `npm publish`, using only the registry. */
function authorJourney(kind: 'collector' | 'handler', name: string): string {
  const home = tempDir(`author-${kind}`);
  const created = run('npm', ['create', '--yes', '@spinel/plugin@latest', kind, name], home);
  expect(created.out).toContain(`created spinel-${kind}-${name}`);
  const dir = path.join(home, `spinel-${kind}-${name}`);
  run('npm', ['install'], dir, { timeoutMs: 600_000 });
  expect(existsSync(path.join(dir, 'dist', 'index.js')), 'npm install builds the package (prepare)').toBe(true);
  const tests = run('npm', ['test'], dir).out.replace(/\u001b\[[0-9;]*m/g, '');
  expect(tests).toMatch(/Tests\s+\d+ passed/);
  expect(tests).not.toMatch(/failed|skipped/);
  const check = run('npx', ['spinel', 'plugin', 'check', '.'], dir);
  expect(check.out).toContain(`spinel plugin check: spinel-${kind}-${name} 0.1.0`);
  expect(check.out).toContain('result: no problems');
  if (kind === 'collector') {
    const collected = run('npx', ['spinel', 'collect', '.', '--runs', '2'], dir).out;
    expect(collected).toMatch(new RegExp(`\\.${name}\\.running\\b`));
    expect(collected).toMatch(new RegExp(`\\.${name}\\.total\\b`));
  }
  // 200 rounds (as the leak tests run) in half a minute: the journey is the command, not its length.
  const soak = run('npx', ['spinel', 'soak', '.', '--minutes', '0.5', '--interval', '0.15'], dir, { expectCode: undefined });
  expect(soak.out).toContain(`soaking ${kind} spinel_${kind}_${name}`);
  expect(soak.out).toMatch(/then 150 rounds/);
  expect(soak.out, 'a 200-round soak of the scaffold is flat').toContain('verdict: flat');
  expect(soak.code).toBe(0);
  run('npm', ['publish'], dir, { timeoutMs: 600_000 });
  expect(published(`spinel-${kind}-${name}`)).toBe('0.1.0');
  return dir;
}

describe('from a registry, without this repository', () => {
  it('pnpm release published every public package, the agent with its spinel bin', () => {
    expect(published('@spinel/agent')).toMatch(/^\d+\.\d+\.\d+$/);
    const manifest = JSON.parse(run('npm', ['view', '@spinel/agent', '--json'], tempDir('view')).stdout) as {
      bin?: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    expect(manifest.bin).toEqual({ spinel: 'dist/cli.js' });
    expect(manifest.dependencies?.['@spinel/sdk']).toMatch(/^\^\d/);
    for (const name of ['@spinel/sdk', '@spinel/core', '@spinel/testing', '@spinel/create-plugin', '@spinel/collector-cpu', '@spinel/handler-graphite'])
      expect(published(name), name).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('an author creates, tests, checks, collects, soaks and publishes a collector and a handler; an operator runs both', async () => {
    authorJourney('collector', 'procstat');
    authorJourney('handler', 'jsonlines');

    const site = tempDir('operator');
    writeFileSync(path.join(site, 'package.json'), JSON.stringify({ name: 'metrics-site', private: true }));
    run('npm', ['install', '@spinel/agent', 'spinel-collector-procstat', 'spinel-handler-jsonlines'], site, { timeoutMs: 600_000 });
    const archive = path.join(site, 'archive.log');
    const lines = path.join(site, 'samples.jsonl');
    writeFileSync(
      path.join(site, 'spinel.yaml'),
      `agent: { hostname: site, status: { enabled: false } }
collectors:
  procstat: { plugin: spinel-collector-procstat, interval: 0.5, splay: 0 }
handlers:
  archive: { path: ${archive}, flush_interval: 0 }
  jsonlines: { plugin: spinel-handler-jsonlines, path: ${lines}, flush_interval: 0 }
`,
    );
    run('npx', ['spinel', 'config', 'check', 'spinel.yaml'], site);
    // In its own process group, so that Ctrl-C can be pressed as a terminal does: SIGINT to the
    // group, npx and the agent alike (npx does not pass a SIGTERM of its own on to the agent).
    const agent = spawn('npx', ['spinel', 'run', '--config', 'spinel.yaml'], {
      cwd: site,
      env: registry.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stderr = '';
    agent.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // 'close' comes when every holder of the pipes has exited: npx and the agent.
    const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => agent.once('close', (code, signal) => resolve([code, signal])));
    try {
      await waitFor(() => archiveLines(archive).some(([p]) => p === 'servers.site.procstat.total'), 60_000, 'the registry collector through the agent');
      await waitFor(
        () => existsSync(lines) && readFileSync(lines, 'utf8').includes('"path":"servers.site.procstat.running"'),
        20_000,
        'the registry handler writing',
      );
    } finally {
      process.kill(-agent.pid!, 'SIGINT');
    }
    // npx ends as a Ctrl-C'd command does (by the signal); the agent drained and exited.
    const [code, signal] = await closed;
    expect(code === 0 || signal === 'SIGINT', `npx ended with ${code ?? signal}`).toBe(true);
    expect(stderr).toContain('agent stopped drained=true');
  }, 2_400_000);

  it('npm install -g @spinel/agent, then spinel run with the embedded default config', async () => {
    const prefix = tempDir('global');
    run('npm', ['install', '-g', '--prefix', prefix, '@spinel/agent'], prefix, { timeoutMs: 600_000 });
    const spinel = path.join(prefix, 'bin', 'spinel');
    expect(run(spinel, ['--version'], prefix).stdout).toMatch(/^spinel \d+\.\d+\.\d+/);
    const cwd = tempDir('global-run');
    const agent = spawn(spinel, ['run'], { cwd, env: registry.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    agent.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => agent.once('exit', (code) => resolve(code)));
    try {
      await waitFor(
        () => archiveLines(path.join(cwd, 'spinel-archive.log')).some(([p]) => /^servers\.[^.]+\.memory\.MemTotal$/.test(p)),
        60_000,
        'the globally installed agent archiving',
      );
    } finally {
      agent.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('agent stopped drained=true');
  }, 900_000);
});
