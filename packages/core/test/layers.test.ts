import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The core is laid out by the stage a sample passes through, and each folder imports only from
// folders below it in this list (or from itself). The top files (agent, container, index) wire
// everything.
const LAYERS = [
  'wiring',
  'status',
  'telemetry',
  'schedule',
  'collect',
  'handle',
  'route',
  'deliver',
  'threads',
  'channel',
  'config',
  'plugins',
  'support',
  'types',
] as const;
const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : [],
  );
}

function layerOf(file: string): number {
  const folder = path.relative(SRC, file).split(path.sep)[0] ?? '';
  return (LAYERS as readonly string[]).indexOf(folder);
}

describe('the core layout', () => {
  it('has no source file outside the stage folders but the wiring at the top', () => {
    const top = readdirSync(SRC).filter((f) => f.endsWith('.ts'));
    expect(top.sort()).toEqual(['agent.ts', 'container.ts', 'index.ts']);
    for (const file of sourceFiles(SRC))
      if (!top.includes(path.basename(file)) || path.dirname(file) !== SRC) expect(layerOf(file), file).toBeGreaterThanOrEqual(0);
  });

  it('imports downward only', () => {
    const upward: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = layerOf(file);
      if (from < 0) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\(\s*|new URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = path.resolve(path.dirname(file), match[1] ?? '');
        const to = layerOf(target);
        if (to < from) upward.push(`${path.relative(SRC, file)} imports ${path.relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps every file under about 200 lines', () => {
    const long = sourceFiles(SRC)
      .map((file) => [path.relative(SRC, file), readFileSync(file, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 220);
    expect(long).toEqual([]);
  });
});
