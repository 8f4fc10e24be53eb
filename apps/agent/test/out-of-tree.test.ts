import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { archiveLines, FIXTURES, runCli, startAgent, tempDir, waitFor, writeConfig } from './helpers.js';

const SDK_DIR = fileURLToPath(new URL('../../../packages/sdk', import.meta.url));

describe('third-party plugin packages outside the workspace', () => {
  it('install by path with npm and load by package name from the config: a collector and a handler', async () => {
    const project = tempDir('third-party');
    writeConfig(project, JSON.stringify({ name: 'my-host-config', private: true, type: 'module' }), 'package.json');
    // --install-links copies the packages (as from a registry) instead of symlinking the sources.
    execFileSync(
      'npm',
      [
        'install',
        '--install-links',
        '--no-audit',
        '--no-fund',
        '--offline',
        SDK_DIR,
        path.join(FIXTURES, 'out-of-tree', 'spinel-collector-hello'),
        path.join(FIXTURES, 'out-of-tree', 'spinel-handler-jsonl'),
      ],
      {
        cwd: project,
        stdio: 'pipe',
      },
    );
    const archive = path.join(project, 'archive.log');
    const config = writeConfig(
      project,
      `agent: { hostname: thirdparty }
collectors:
  hello: { plugin: "@acme/spinel-collector-hello", greeting: bonjour, interval: 0.5, splay: 0 }
handlers:
  archive: { path: ${archive} }
  jsonl: { plugin: "@acme/spinel-handler-jsonl", path: ${path.join(project, 'out.jsonl')} }
`,
    );
    const check = await runCli(['config', 'check', config], { cwd: project });
    expect(check.stdout).toContain('ok (collectors: hello; handlers: archive, jsonl)');

    const collected = await runCli(['collect', 'hello', '--config', config, '--json'], { cwd: project });
    expect(JSON.parse(collected.stdout.trim())).toMatchObject({ path: 'servers.thirdparty.hello.letters', value: 7, dimensions: { greeting: 'bonjour' } });

    const agent = startAgent(config, project);
    await waitFor(() => archiveLines(archive).some(([p]) => p === 'servers.thirdparty.hello.letters'), 15_000, 'the plugin publishing through the agent');
    expect(await agent.stop()).toBe(0);
    expect(archiveLines(archive).find(([p]) => p === 'servers.thirdparty.hello.letters')?.[1]).toBe(7);
    const jsonl = readFileSync(path.join(project, 'out.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { path: string; value: number; dimensions: unknown });
    expect(jsonl).toContainEqual({ path: 'servers.thirdparty.hello.letters', value: 7, dimensions: { greeting: 'bonjour' } });
  }, 60_000);
});
