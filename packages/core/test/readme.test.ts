import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The core README is the map a newcomer reads first: every file or folder it names must exist,
// and every folder of src/ must be on it.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = path.join(ROOT, 'src');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

describe('the core README', () => {
  it('names only files and folders that exist', () => {
    const names = new Set([...README.matchAll(/(?<![\w@/.-])((?:[\w-]+\/)*[\w-]+(?:\.ts|\/))(?![\w/])/g)].map((m) => m[1] ?? ''));
    const everyFile = filesUnder(SRC).map((file) => path.relative(SRC, file));
    const missing = [...names].filter((name) => {
      if (name.endsWith('/')) return !existsSync(path.join(SRC, name)) && !everyFile.some((file) => file.includes(`/${name}`));
      if (name.includes('/')) return !existsSync(path.join(SRC, name)) && !existsSync(path.join(ROOT, name));
      return !everyFile.some((file) => path.basename(file) === name);
    });
    expect(names.size).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('names every folder of src/', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'types')
      .map((d) => `${d.name}/`);
    expect(folders.filter((folder) => !README.includes(folder))).toEqual([]);
  });
});
