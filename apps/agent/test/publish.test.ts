import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packPackages, publicPackages, REPO, tempDir } from './helpers.js';

// What users get from npm: every public package packed with pnpm (as `pnpm release` publishes),
// installed with npm into a project outside the workspace, and an agent run from them.

const packages = publicPackages();
let tarballs: Map<string, string>;
beforeAll(() => {
  tarballs = packPackages(packages, tempDir('pack'));
}, 180_000);

function packedManifest(tarball: string): Record<string, unknown> & { files?: string[] } {
  return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
}

describe('published packages', () => {
  it('every public package packs with real version ranges and the standard fields', () => {
    expect(packages.length).toBeGreaterThanOrEqual(20);
    for (const { name } of packages) {
      const tarball = tarballs.get(name)!;
      const manifest = packedManifest(tarball);
      const text = JSON.stringify(manifest);
      expect(text, `${name}: a workspace: or catalog: range reached the tarball`).not.toMatch(/"(workspace|catalog):/);
      expect(manifest, name).toMatchObject({ name, type: 'module', sideEffects: false, license: 'MIT', engines: { node: '>=20.19' } });
      expect((manifest.keywords as string[] | undefined) ?? [], name).toContain('spinel-plugin');
      const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
      expect(listing, name).toContain('package/dist/index.js');
      expect(listing, name).toContain('package/dist/index.d.ts');
      expect(listing, name).toContain('package/README.md');
      expect(
        listing.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/')),
        `${name} ships its sources or tests`,
      ).toBe(false);
      // A stack through a published package (a failing @spinel/testing suite) maps to code that is
      // in the tarball: the maps carry their sources.
      const map = listing.find((f) => f.endsWith('.js.map'));
      if (map) {
        const content = JSON.parse(execFileSync('tar', ['-xzOf', tarball, map], { encoding: 'utf8' })) as { sources: string[]; sourcesContent?: string[] };
        expect(content.sourcesContent?.length, `${name}: ${map} carries its sources`).toBe(content.sources.length);
      }
    }
    const peer = packedManifest(tarballs.get('@spinel/handler-graphite')!).peerDependencies as Record<string, string>;
    expect(peer['@spinel/sdk']).toMatch(/^\^\d+\.\d+\.\d+$/);
  });

  it('changeset version bumps only the changed package and writes its changelog; the agent that depends on it keeps its version while the range holds', () => {
    const clone = tempDir('changeset');
    execFileSync('git', ['clone', '-q', REPO, clone]);
    // Only this test's changeset: the repository's pending ones would bump their packages too.
    for (const file of readdirSync(path.join(clone, '.changeset')))
      if (file.endsWith('.md') && file !== 'README.md') rmSync(path.join(clone, '.changeset', file));
    writeFileSync(path.join(clone, '.changeset', 'a-fix.md'), '---\n"@spinel/collector-cpu": patch\n---\n\nA fix.\n');
    execFileSync(path.join(REPO, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: clone, stdio: 'pipe' });
    const version = (dir: string): string => (JSON.parse(readFileSync(path.join(clone, dir, 'package.json'), 'utf8')) as { version: string }).version;
    expect(version('packages/collectors/cpu')).toBe('0.1.1');
    expect(readFileSync(path.join(clone, 'packages/collectors/cpu/CHANGELOG.md'), 'utf8')).toContain('A fix.');
    expect(version('packages/handlers/graphite')).toBe('0.1.0');
    expect(version('packages/sdk')).toBe('0.1.0');
    expect(version('apps/agent')).toBe('0.1.0');
    expect(existsSync(path.join(clone, 'apps/agent/CHANGELOG.md'))).toBe(false);
  });
});
