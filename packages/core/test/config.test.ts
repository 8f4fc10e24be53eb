import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PluginIntrospector, printEffectiveConfig, type ConfigIssue } from '@spinel/core';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const introspector = new PluginIntrospector();
afterAll(() => introspector.close());

function load(text: string, env: NodeJS.ProcessEnv = {}) {
  return loadConfig({ label: 'spinel.yaml', text, baseDir: fixtures }, { introspector, searchDirs: [fixtures], env });
}

async function issuesOf(text: string, env: NodeJS.ProcessEnv = {}): Promise<ConfigIssue[]> {
  const error = await load(text, env).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues as ConfigIssue[];
}

describe('config loading', () => {
  it('fills defaults, merges `defaults` and resolves path plugins', async () => {
    const config = await load(`
collectors:
  defaults: { interval: 3, byte_unit: megabyte }
  e1: { plugin: ./echo-collector.mjs, value: 7 }
  e2: { plugin: ./echo-collector.mjs, worker: own, enabled: true }
  off: { plugin: ./missing.mjs, enabled: false }
handlers:
  s: { plugin: ./secret-handler.mjs, api_key: hunter2 }
`);
    expect(config.agent).toMatchObject({ path_prefix: 'servers', hostname_method: 'smart', log_level: 'info' });
    expect(config.collectors.map((c) => [c.key, c.worker, c.common.interval, c.options.value])).toEqual([
      // Plugins not shipped by this project get their own worker unless the config names one.
      ['e1', 'own:e1', 3, 7],
      ['e2', 'own:e2', 3, 1],
    ]);
    expect(config.handlers[0]?.worker).toBe('own:s');
  });

  it('reports every problem at once with file, key, expected and found', async () => {
    const issues = await issuesOf(`
agent: { log_level: loud, hostname_method: dns }
colectors: {}
collectors:
  e1: { plugin: ./echo-collector.mjs, value: high, colour: red, interval: -1 }
  nope: {}
handlers:
  s: { plugin: ./secret-handler.mjs, max_queue_samples: 1.5 }
`);
    const lines = issues.map((i) => `${i.file}: ${i.key}: expected ${i.expected}, found ${i.found}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'spinel.yaml: colectors: expected one of the sections agent, collectors, handlers, include, found an unknown section',
        'spinel.yaml: agent.hostname_method: expected one of smart, fqdn_short, fqdn, fqdn_rev, uname_short, uname_rev, hostname, hostname_short, hostname_rev, none, found "dns"',
        'spinel.yaml: agent.log_level: expected one of debug, info, warn, error, found "loud"',
        'spinel.yaml: collectors.e1.interval: expected number >= 0.05, found number -1',
        'spinel.yaml: collectors.e1.value: expected number, found "high"',
        'spinel.yaml: collectors.e1.colour: expected a known option (value, label), found an unknown option',
        'spinel.yaml: handlers.s.max_queue_samples: expected integer >= 1, found number 1.5',
      ]),
    );
    const missing = issues.find((i) => i.key === 'collectors.nope');
    expect(missing?.expected).toBe('an installed plugin @spinel/collector-nope (or a `plugin:` key naming a package or path)');
    expect(missing?.found).toMatch(/package @spinel\/collector-nope is not installed/);
    expect(issues).toHaveLength(8);
  });

  it('ignores `defaults` keys a plugin does not declare, but not the same key on an entry', async () => {
    const config = await load('collectors:\n  defaults: { byte_unit: kilobyte }\n  e1: { plugin: ./echo-collector.mjs }\n');
    expect(config.collectors.map((c) => c.key)).toEqual(['e1']);
    expect(config.collectors[0]?.options).not.toHaveProperty('byte_unit');
    const issues = await issuesOf('collectors:\n  e1: { plugin: ./echo-collector.mjs, byte_unit: kilobyte }\n');
    expect(issues.map((i) => i.key)).toEqual(['collectors.e1.byte_unit']);
  });

  it('substitutes ${VAR} and ${VAR:-default} before parsing, so types apply', async () => {
    const config = await load('collectors:\n  e1: { plugin: ./echo-collector.mjs, value: ${VALUE}, interval: ${INTERVAL:-2}, label: "$${LITERAL}" }\n', {
      VALUE: '42',
    });
    expect(config.collectors[0]?.options.value).toBe(42);
    expect(config.collectors[0]?.common.interval).toBe(2);
    expect(config.collectors[0]?.options.label).toBe('${LITERAL}');
  });

  it('names the line of an unset environment variable', async () => {
    const issues = await issuesOf('agent:\n  hostname: ${NO_SUCH_HOST}\n');
    expect(issues[0]).toMatchObject({ key: 'line 2', expected: expect.stringContaining('environment variable NO_SUCH_HOST to be set'), found: 'it unset' });
  });

  it('names the line of a YAML syntax error', async () => {
    const issues = await issuesOf('collectors:\n  e1: { plugin: ./echo-collector.mjs\n  x: [\n');
    expect(issues[0]?.key).toMatch(/^line \d+, column \d+$/);
    expect(issues[0]?.expected).toBe('valid YAML or JSON');
  });

  it('refuses a plugin built for another API version and says which fits', async () => {
    const issues = await issuesOf('collectors:\n  old: { plugin: ./old-api-collector.mjs }\n');
    expect(issues[0]?.found).toBe(
      'plugin ./old-api-collector.mjs: built for plugin API version 0, this agent supports version 1 (@spinel/sdk ^0.1); rebuild the plugin against a @spinel/sdk in that range',
    );
  });

  it('reports a plugin whose module throws at import without crashing the agent', async () => {
    const issues = await issuesOf('collectors:\n  bad: { plugin: ./throws-on-import.mjs }\n');
    expect(issues[0]).toMatchObject({ key: 'collectors.bad.plugin', found: 'top-level failure in plugin' });
  });

  it('accepts JSON', async () => {
    const config = await load(JSON.stringify({ collectors: { e1: { plugin: './echo-collector.mjs', value: 3 } } }));
    expect(config.collectors[0]?.options.value).toBe(3);
  });

  it('prints the effective config with secrets redacted', async () => {
    const config = await load('handlers:\n  s: { plugin: ./secret-handler.mjs, api_key: hunter2 }\n');
    const text = printEffectiveConfig(config);
    expect(text).not.toContain('hunter2');
    expect(text).toContain('api_key: <redacted>');
    expect(text).toContain('max_queue_samples: 100000');
  });
});

describe('plugin resolution', () => {
  it('finds a package by name from the search directories', async () => {
    const config = await loadConfig(
      { label: 'x.yaml', text: 'collectors:\n  e: { plugin: "@spinel/sdk" }\n', baseDir: path.join(fixtures, '..') },
      { introspector, searchDirs: [] },
    ).catch((e: ConfigError) => e);
    // @spinel/sdk resolves (it is a dependency of core) but is not a collector plugin.
    expect((config as ConfigError).issues[0]?.found).toMatch(/expected a default export made by defineCollector\(\)/);
  });
});
