import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeConfig } from './helpers.js';

// What `spinel plugin new` refuses. The generated packages' whole journey (install from a registry,
// build, test, check, collect, soak, publish, run in an agent) is registry.test.ts.

describe('plugin scaffolding', () => {
  it('a generated package builds on install and runs the agent from its devDependencies for check, collect and soak', async () => {
    const dir = path.join(tempDir('scaffold'), 'spinel-collector-procs');
    const created = await runCli(['plugin', 'new', 'collector', 'procs', '--dir', dir]);
    expect(created.code).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    const own = (JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
    expect(pkg.devDependencies['@spinel/agent']).toBe(`^${own}`);
    expect(pkg.peerDependencies['@spinel/sdk']).toBe(`^${own}`);
    expect(pkg.scripts).toMatchObject({
      prepare: 'npm run build',
      check: 'spinel plugin check .',
      collect: 'spinel collect . --runs 2 --interval 1',
      soak: 'spinel soak . --minutes 3',
    });
    const handler = path.join(tempDir('scaffold'), 'spinel-handler-out');
    expect((await runCli(['plugin', 'new', 'handler', 'out', '--dir', handler])).code).toBe(0);
    expect(Object.keys((JSON.parse(readFileSync(path.join(handler, 'package.json'), 'utf8')) as { scripts: object }).scripts)).not.toContain('collect');
  });

  it('inside a Spinel clone, joins its workspace (workspace:^, built by the clone, its own vitest config), and refuses a folder outside the workspace', async () => {
    const clone = tempDir('clone');
    writeConfig(clone, JSON.stringify({ name: 'spinel', private: true }), 'package.json');
    writeConfig(clone, 'packages:\n  - apps/*\n  - packages/collectors/*\n  - "packages/handlers/*"\n\ncatalog:\n  yaml: ^2\n', 'pnpm-workspace.yaml');
    const dir = path.join(clone, 'packages', 'collectors', 'procs');
    const created = await runCli(['plugin', 'new', 'collector', 'procs', '--dir', dir]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('pnpm install && pnpm -w build && pnpm test && pnpm run check');
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies).toMatchObject({ '@spinel/agent': 'workspace:^', '@spinel/sdk': 'workspace:^', '@spinel/testing': 'workspace:^' });
    expect(pkg.peerDependencies['@spinel/sdk']).toBe('workspace:^');
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(readFileSync(path.join(dir, 'vitest.config.ts'), 'utf8')).toContain("include: ['test/**/*.test.ts']");
    const handler = await runCli(['plugin', 'new', 'handler', 'out', '--dir', path.join(clone, 'packages', 'handlers', 'out')]);
    expect(handler.code).toBe(0);
    const outside = await runCli(['plugin', 'new', 'collector', 'stray', '--dir', path.join(clone, 'plugins', 'stray')]);
    expect(outside.code).toBe(64);
    expect(outside.stderr).toContain(
      `is inside the Spinel clone at ${clone} but not in one of its workspace folders (apps/*, packages/collectors/*, packages/handlers/*); create it in packages/collectors/`,
    );
  });

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
