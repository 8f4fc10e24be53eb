import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigObjError, interpolate, parseConfigObj, type ConfigObjSection } from '../src/import/configobj.js';

// Spinel's reader against the real ConfigObj (Debian's python3-configobj, which .ci/run installs):
// Diamond's, the Metricly fork's and the Metricly agent's own .conf files, our edge cases, and a few
// hundred generated files. Same tree, same values as Diamond reads them, and an error exactly where
// ConfigObj has one (same first line, same count).
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures/configobj');
const PYTHON = '/usr/bin/python3';
const hasConfigObj = spawnSync(PYTHON, ['-c', 'import configobj'], { stdio: 'ignore' }).status === 0;
if (!hasConfigObj) console.warn('configobj differential: skipped, /usr/bin/python3 cannot import configobj (apt-get install python3-configobj)');

type Dumped = { error: { line: number; count: number } | { decode: true } } | { tree: DumpedSection };
interface DumpedSection {
  values: [string, unknown, unknown][];
  sections: [string, DumpedSection][];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

function spinelTree(section: ConfigObjSection): DumpedSection {
  const values: DumpedSection['values'] = [...section.values].map(([key, { value }]) => {
    let read: unknown;
    try {
      read = interpolate(section, key, value);
    } catch {
      read = { interpolation_error: 'MissingInterpolationOption' };
    }
    return [key, value, read];
  });
  return { values, sections: [...section.sections].map(([name, child]) => [name, spinelTree(child)]) };
}

function spinelRead(file: string): Dumped {
  try {
    return { tree: spinelTree(parseConfigObj(readFileSync(file), file)) };
  } catch (error) {
    if (!(error instanceof ConfigObjError)) throw error;
    return { error: error.message.includes('is not valid') ? { decode: true } : { line: error.line, count: error.count } };
  }
}

function configObjRead(files: string[]): Dumped[] {
  const out = execFileSync(PYTHON, [path.join(fixtures, 'dump_configobj.py')], { input: JSON.stringify(files), maxBuffer: 64 << 20 });
  return JSON.parse(out.toString('utf8')) as Dumped[];
}

/** Interpolation errors are compared by presence: ConfigObj names two kinds, Spinel one. */
function normaliseErrors(dumped: Dumped): Dumped {
  if (!('tree' in dumped)) return dumped;
  const walk = (s: DumpedSection): DumpedSection => ({
    values: s.values.map(([k, raw, read]) => [
      k,
      raw,
      typeof read === 'object' && read !== null && 'interpolation_error' in read ? 'interpolation error' : read,
    ]),
    sections: s.sections.map(([k, child]) => [k, walk(child)]),
  });
  return { tree: walk(dumped.tree) };
}

// Fragments that steer ConfigObj's grammar into its corners.
const FRAGMENTS = [
  'a',
  'b',
  'key',
  'x y',
  '1',
  ' ',
  '\t',
  ', ',
  ' ,',
  '# c',
  '  ',
  '=',
  '"',
  "'",
  '"""',
  "'''",
  ',',
  '#',
  '[',
  ']',
  '[[',
  ']]',
  '(',
  ')',
  '%(a)s',
  '%',
  'DEFAULT',
  'é',
  '\u00a0',
  '\u2028',
  '\u0085',
  '\u001c',
  '\r',
  '\ufeff',
];

function generatedFiles(dir: string, count: number): string[] {
  let seed = Number(process.env.SPINEL_CONFOBJ_SEED ?? 20261206);
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  // Half the files draw only from the first 10 fragments and open only [sections], so they often
  // read without an error.
  let tame = false;
  const pick = (): string => FRAGMENTS[random(tame ? 10 : FRAGMENTS.length)]!;
  const run = (min: number, max: number): string => Array.from({ length: min + random(max - min + 1) }, pick).join('');
  const line = (): string => {
    const shape = random(10);
    if (shape < 5) return `${run(0, 2)}${['a', 'b', 'key', '"q k"', "'s'"][random(5)]}${run(0, 1)}=${run(0, 5)}`;
    if (shape < 7) {
      const depth = tame ? 1 : 1 + random(3);
      return `${run(0, 1)}${'['.repeat(depth)}${run(1, 2)}${']'.repeat(depth + (random(8) === 0 ? 1 : 0))}${run(0, 1)}`;
    }
    return tame ? `# ${run(0, 3)}` : run(1, 6);
  };
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `generated-${i}.conf`);
    tame = i % 2 === 0;
    const lines = Array.from({ length: 1 + random(8) }, line);
    writeFileSync(file, lines.join(random(4) === 0 ? '\r\n' : '\n'));
    return file;
  });
}

describe.skipIf(!hasConfigObj)('the ConfigObj reader, against ConfigObj itself', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'spinel-configobj-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const compare = (files: string[]): void => {
    const expected = configObjRead(files);
    const mismatches = files.flatMap((file, i) => {
      const ours = normaliseErrors(spinelRead(file));
      const theirs = normaliseErrors(expected[i]!);
      return JSON.stringify(ours) === JSON.stringify(theirs)
        ? []
        : [
            `${file}\n  text:      ${JSON.stringify(readFileSync(file, 'latin1'))}\n  configobj: ${JSON.stringify(theirs)}\n  spinel:    ${JSON.stringify(ours)}`,
          ];
    });
    expect(mismatches.join('\n')).toBe('');
  };

  it('reads every .conf of Diamond, the Metricly fork and the Metricly agent, and our own cases, as ConfigObj does', () => {
    const files = filesUnder(path.join(fixtures, 'corpus'));
    expect(files.length).toBeGreaterThan(60);
    compare(files);
  });

  it('reads 600 generated files as ConfigObj does, errors included', () => {
    const files = generatedFiles(scratch, Number(process.env.SPINEL_CONFOBJ_FILES ?? 600));
    compare(files);
    // The generator must reach both outcomes often, or the comparison proves little.
    const outcomes = files.map((f) => ('tree' in spinelRead(f) ? 'tree' : 'error'));
    expect(outcomes.filter((o) => o === 'tree').length).toBeGreaterThan(100);
    expect(outcomes.filter((o) => o === 'error').length).toBeGreaterThan(100);
  });
});
