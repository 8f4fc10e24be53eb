import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveLines, npm, packPackages, publicPackages, runCli, startAgent, tempDir, waitFor, writeConfig } from './helpers.js';

// `spinel plugin new` for both kinds, outside the workspace: the generated package installs with
// npm (the SDK, testing and core from tarballs packed here, as they would come from the registry),
// builds, passes its own tests, passes `spinel plugin check`, and loads into a running agent by
// package name. Nothing generated is edited.

let tarballs: string[];
beforeAll(() => {
  const dest = tempDir('tarballs');
  const wanted = new Set(['@spinel/sdk', '@spinel/plugin-kit', '@spinel/core', '@spinel/testing']);
  tarballs = [...packPackages(publicPackages().filter((p) => wanted.has(p.name)), dest).values()];
}, 120_000);

async function scaffold(kind: 'collector' | 'handler', name: string): Promise<string> {
  const dir = path.join(tempDir(`scaffold-${kind}`), `spinel-${kind}-${name}`);
  const created = await runCli(['plugin', 'new', kind, name, '--dir', dir]);
  expect(created.code).toBe(0);
  expect(created.stdout).toContain(`created spinel-${kind}-${name} in ${dir}`);
  npm(['install', '--no-save', ...tarballs], dir);
  npm(['run', 'build'], dir);
  const test = npm(['test'], dir).replace(/\u001b\[[0-9;]*m/g, '');
  expect(test).toMatch(/Tests\s+\d+ passed/);
  expect(test).not.toMatch(/failed|skipped/);
  expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(kind === 'collector' ? '| `running` | gauge | processes |' : '| `path` |');
  const check = await runCli(['plugin', 'check', dir, ...(kind === 'handler' ? ['--set', `path=${path.join(dir, 'check.jsonl')}`] : [])], { timeoutMs: 60_000 });
  expect(check.stdout).toContain('result: no problems');
  expect(check.code).toBe(0);
  return dir;
}

describe('plugin scaffolding, outside the workspace', () => {
  it('a generated collector and handler build, pass their tests and run in an agent by package name', async () => {
    const collector = await scaffold('collector', 'procs');
    const handler = await scaffold('handler', 'jsonfile');

    const host = tempDir('scaffold-host');
    writeConfig(host, JSON.stringify({ name: 'host', private: true, type: 'module' }), 'package.json');
    npm(['install', '--install-links', tarballs.find((t) => /spinel-sdk-/.test(t))!, collector, handler], host);
    const archive = path.join(host, 'archive.log');
    const out = path.join(host, 'samples.jsonl');
    const config = writeConfig(
      host,
      `agent: { hostname: scaffolded }
collectors:
  procs: { plugin: spinel-collector-procs, interval: 0.5, splay: 0 }
handlers:
  archive: { path: ${archive}, flush_interval: 0 }
  jsonfile: { plugin: spinel-handler-jsonfile, path: ${out}, flush_interval: 0 }
`,
    );
    const agent = startAgent(config, host);
    await waitFor(() => archiveLines(archive).some(([p]) => p === 'servers.scaffolded.procs.total'), 20_000, 'the generated collector publishing through the agent');
    await waitFor(() => {
      try {
        return readFileSync(out, 'utf8').includes('"path":"servers.scaffolded.procs.running"');
      } catch {
        return false;
      }
    }, 10_000, 'the generated handler writing');
    expect(await agent.stop()).toBe(0);
    const total = archiveLines(archive).find(([p]) => p === 'servers.scaffolded.procs.total')?.[1] ?? 0;
    expect(total).toBeGreaterThan(0);
    const line = readFileSync(out, 'utf8').split('\n').find((l) => l.includes('procs.total'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ path: 'servers.scaffolded.procs.total', value: expect.any(Number), timestamp: expect.any(Number) });
  }, 300_000);

  it('refuses a bad name or a folder with files in it, saying what it expected', async () => {
    const bad = await runCli(['plugin', 'new', 'collector', 'My-Thing']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('name: expected lowercase letters, digits and underscores');
    const dir = tempDir('scaffold-taken');
    writeConfig(dir, '{}', 'package.json');
    const taken = await runCli(['plugin', 'new', 'handler', 'x', '--dir', dir]);
    expect(taken.code).toBe(64);
    expect(taken.stderr).toContain(`dir: expected a new or empty folder, found ${dir} with files in it`);
  });
});
