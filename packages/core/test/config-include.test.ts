// `include:` (the package's /etc/spinel/conf.d): every matching file merged into the main config,
// an entry's options key by key, later files winning; a problem names the file that holds it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PluginIntrospector, readConfigFile, type ConfigIssue } from '@spinel/core';

const echo = fileURLToPath(new URL('./fixtures/echo-collector.mjs', import.meta.url));
const introspector = new PluginIntrospector();
afterAll(() => introspector.close());

/** A config folder with spinel.yaml and the given files (relative paths), loaded as the agent does. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-include-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const load = (dir: string) => loadConfig(readConfigFile(path.join(dir, 'spinel.yaml')), { introspector, searchDirs: [], env: {} });

async function issuesOf(dir: string): Promise<ConfigIssue[]> {
  const error = await load(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return [...(error as ConfigError).issues];
}

describe('include', () => {
  it('merges every conf.d/*.yaml in name order: new entries, options of existing ones, agent keys', async () => {
    const dir = folder({
      'spinel.yaml': `include: conf.d/*.yaml\nagent: { path_prefix: hosts }\ncollectors:\n  one: { plugin: ${echo}, value: 1, label: main }\n`,
      'conf.d/10-one.yaml': 'collectors:\n  one: { value: 2 }\n',
      'conf.d/20-two.yaml': `collectors:\n  two: { plugin: ${echo}, value: 3 }\n  one: { value: 4 }\nagent: { path_suffix: dc1 }\n`,
      'conf.d/notes.txt': 'not yaml, not included',
      'conf.d/.hidden.yaml': 'collectors: { broken',
    });
    const config = await load(dir);
    expect(config.collectors.map((c) => [c.key, c.options.value, c.options.label])).toEqual([
      ['one', 4, 'main'],
      ['two', 3, 'x'],
    ]);
    expect(config.agent).toMatchObject({ path_prefix: 'hosts', path_suffix: 'dc1' });
  });

  it('a wildcard over a missing folder includes nothing; a plain path that is missing is an error naming it', async () => {
    expect((await load(folder({ 'spinel.yaml': 'include: [conf.d/*.yaml]\n' }))).collectors).toEqual([]);
    const issues = await issuesOf(folder({ 'spinel.yaml': 'include: extra.yaml\n' }));
    expect(issues).toEqual([expect.objectContaining({ file: expect.stringMatching(/extra\.yaml$/), key: '(file)', found: 'no such file' })]);
  });

  it('a bad option, a YAML error or an include inside an included file names that file and the key', async () => {
    const dir = folder({
      'spinel.yaml': `include: conf.d/*.yaml\ncollectors:\n  one: { plugin: ${echo} }\n`,
      'conf.d/a.yaml': 'collectors:\n  one: { value: high }\n',
      'conf.d/b.yaml': 'include: more/*.yaml\n',
      'conf.d/c.yaml': 'collectors: [',
    });
    const lines = (await issuesOf(dir)).map((i) => `${path.relative(dir, i.file)}: ${i.key}: expected ${i.expected}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'conf.d/a.yaml: collectors.one.value: expected number',
        'conf.d/b.yaml: include: expected one of the sections agent, collectors, handlers (an included file cannot include)',
        expect.stringMatching(/^conf\.d\/c\.yaml: line 1, column \d+: expected valid YAML or JSON$/),
      ]),
    );
  });

  it('include must be a path or a list of paths', async () => {
    const issues = await issuesOf(folder({ 'spinel.yaml': 'include: { conf: d }\n' }));
    expect(issues[0]).toMatchObject({ key: 'include', expected: expect.stringContaining('a file path or a list of them') });
  });
});
