// A remote config (OpAMP) as a layer over the local file: merged after conf.d, key by key, and
// bounded by the local file's agent.opamp (allowed packages, no paths, privileged plugins only
// where allowed, nothing at all with remote_config false).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PluginIntrospector, readConfigFile, type ConfigIssue, type RemoteLayer } from '@spinel/core';

const echo = fileURLToPath(new URL('./fixtures/echo-collector.mjs', import.meta.url));
const introspector = new PluginIntrospector();
afterAll(() => introspector.close());

/** A config folder with the echo collector installed as two packages: plain, and declared privileged. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-remote-'));
  const put = (name: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  };
  for (const [name, privileged] of [
    ['spinel-collector-echo', undefined],
    ['spinel-collector-runs', 'runs echo(1)'],
  ] as const) {
    put(`node_modules/${name}/package.json`, JSON.stringify({ name, version: '1.0.0', type: 'module', main: 'index.mjs' }));
    put(
      `node_modules/${name}/index.mjs`,
      privileged
        ? `import echo from ${JSON.stringify(echo)};\nexport default { ...echo, privileged: '${privileged}' };\n`
        : `export { default } from ${JSON.stringify(echo)};\n`,
    );
  }
  for (const [name, text] of Object.entries(files)) put(name, text);
  return dir;
}

const LOCAL_OPAMP = 'agent:\n  state_dir: /tmp\n  opamp: { endpoint: http://127.0.0.1:1/v1/opamp, allow_plugins: [spinel-collector-*] }\n';
const layer = (text: string): RemoteLayer => ({ label: 'remote config 0123abcd from test', text });
const load = (dir: string, remote: string) =>
  loadConfig(readConfigFile(path.join(dir, 'spinel.yaml')), { introspector, searchDirs: [], env: {}, remote: layer(remote) });

async function issuesOf(dir: string, remote: string): Promise<ConfigIssue[]> {
  const error = await load(dir, remote).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return [...(error as ConfigError).issues];
}

describe('remote config layer', () => {
  it('wins over the main file and conf.d key by key, adds entries, and may disable any entry', async () => {
    const dir = folder({
      'spinel.yaml': `${LOCAL_OPAMP}include: conf.d/*.yaml\ncollectors:\n  one: { plugin: spinel-collector-echo, value: 1, label: main }\n  local: { plugin: ${echo} }\n`,
      'conf.d/10.yaml': 'collectors:\n  one: { value: 2 }\n',
    });
    const config = await load(dir, 'collectors:\n  one: { value: 3 }\n  two: { plugin: spinel-collector-echo, value: 5 }\n  local: { enabled: false }\n');
    expect(config.collectors.map((c) => [c.key, c.options.value, c.options.label])).toEqual([
      ['one', 3, 'main'],
      ['two', 5, 'x'],
    ]);
  });

  it('refuses a path, a package beyond allow_plugins, and changes to an entry whose plugin is a path, naming the remote config', async () => {
    const dir = folder({ 'spinel.yaml': `${LOCAL_OPAMP}collectors:\n  local: { plugin: ${echo} }\n` });
    const issues = await issuesOf(dir, `collectors:\n  local: { value: 9 }\n  mine: { plugin: ./x.mjs }\n  other: { plugin: left-pad }\n  cpu: {}\n`);
    expect(issues.map((i) => [i.file, i.key, i.found])).toEqual([
      ['remote config 0123abcd from test', 'collectors.local.plugin', JSON.stringify(echo)],
      ['remote config 0123abcd from test', 'collectors.mine.plugin', '"./x.mjs"'],
      ['remote config 0123abcd from test', 'collectors.other.plugin', '"left-pad"'],
      ['remote config 0123abcd from test', 'collectors.cpu.plugin', '"@spinel/collector-cpu"'],
    ]);
    expect(issues[0]?.expected).toBe('a plugin package agent.opamp.allow_plugins lets a remote config use (spinel-collector-*)');
  });

  it("a remote section's defaults touch every entry of it", async () => {
    const dir = folder({ 'spinel.yaml': `${LOCAL_OPAMP}collectors:\n  local: { plugin: ${echo} }\n  one: { plugin: spinel-collector-echo }\n` });
    const issues = await issuesOf(dir, 'collectors:\n  defaults: { interval: 5 }\n');
    expect(issues.map((i) => i.key)).toEqual(['collectors.local.plugin']);
  });

  it('a privileged plugin only with allow_privileged; nothing at all with remote_config false', async () => {
    const remote = 'collectors:\n  run: { plugin: spinel-collector-runs }\n';
    const refused = await issuesOf(folder({ 'spinel.yaml': LOCAL_OPAMP }), remote);
    expect(refused).toEqual([
      expect.objectContaining({
        key: 'collectors.run.plugin',
        expected: 'a plugin that only reads metrics (a privileged one needs agent.opamp.allow_privileged: true in the local file)',
        found: 'spinel-collector-runs, which runs echo(1)',
      }),
    ]);
    const allowed = await load(folder({ 'spinel.yaml': LOCAL_OPAMP.replace('allow_plugins:', 'allow_privileged: true, allow_plugins:') }), remote);
    expect(allowed.collectors.map((c) => c.key)).toEqual(['run']);
    const off = await issuesOf(folder({ 'spinel.yaml': LOCAL_OPAMP.replace('allow_plugins:', 'remote_config: false, allow_plugins:') }), remote);
    expect(off.map((i) => i.expected)).toEqual(['no remote config, since the local file sets agent.opamp.remote_config: false']);
  });

  it('a remote config that would exhaust the parser is refused before parsing: nesting and size', async () => {
    const dir = folder({ 'spinel.yaml': LOCAL_OPAMP });
    const deep = await issuesOf(dir, `collectors: ${'['.repeat(300_000)}${']'.repeat(300_000)}\n`);
    expect(deep).toEqual([expect.objectContaining({ key: '(document)', expected: 'at most 64 levels of [ ] and { } nesting', found: '300000 levels' })]);
    const big = await issuesOf(dir, `collectors:\n  one: { plugin: spinel-collector-echo, label: "${'x'.repeat(1024 * 1024)}" }\n`);
    expect(big).toEqual([expect.objectContaining({ key: '(file)', expected: 'a config of at most 1048576 bytes after ${VAR} substitution' })]);
  });
});
