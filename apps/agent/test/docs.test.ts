import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from './helpers.js';

// Every ```ts example=<file> block of docs/plugins.md is compiled with TypeScript strict against
// the real SDK and testing packages, then run: the docs cannot drift from the API.

const DOC = path.join(REPO, 'docs', 'plugins.md');
// Inside apps/agent, so the examples resolve @spinel/sdk and @spinel/testing as a plugin would.
const WORK = path.join(REPO, 'apps', 'agent', 'test', '.docs-examples');

function examples(): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = /^```ts example=(\S+)\n([\s\S]*?)^```$/gm;
  for (const match of readFileSync(DOC, 'utf8').matchAll(pattern)) found.set(match[1]!, match[2]!);
  return found;
}

describe('docs/plugins.md', () => {
  it('has the collector, handler and testing examples', () => {
    expect([...examples().keys()]).toEqual(['collector.ts', 'handler.ts', 'testing.ts']);
  });

  it('compiles every example with TypeScript strict and runs them', () => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(path.join(WORK, 'src'), { recursive: true });
    for (const [file, code] of examples()) writeFileSync(path.join(WORK, 'src', file), code);
    writeFileSync(path.join(WORK, 'package.json'), JSON.stringify({ name: 'docs-examples', private: true, type: 'module' }));
    writeFileSync(
      path.join(WORK, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023'],
          types: ['node'],
          strict: true,
          noUncheckedIndexedAccess: true,
          rootDir: 'src',
          outDir: 'dist',
          skipLibCheck: true,
          verbatimModuleSyntax: true,
        },
        include: ['src'],
      }),
    );
    const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', WORK], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      throw new Error(`docs/plugins.md examples do not compile:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    }
    const output = execFileSync(process.execPath, [path.join(WORK, 'dist', 'testing.js')], {
      encoding: 'utf8',
      env: { ...process.env, EXAMPLE_TMP: tempDir('docs') },
      stdio: 'pipe',
    });
    expect(output.trim()).toBe('examples ok');
  }, 60_000);
});
