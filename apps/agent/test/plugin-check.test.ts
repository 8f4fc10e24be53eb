import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './helpers.js';

// `spinel plugin check` on plugins that are wrong in one way each (fixtures/plugin-check/).
const checkSpecifier = (specifier: string, ...extra: string[]) => runCli(['plugin', 'check', specifier, '--rounds', '20', ...extra], { timeoutMs: 60_000 });
const check = (fixture: string, ...extra: string[]) => checkSpecifier(path.join(FIXTURES, 'plugin-check', fixture), ...extra);

describe('spinel plugin check', () => {
  it.each([
    ['no-default', 'FAIL exports: plugin', 'expected a default export made by defineCollector() from @spinel/sdk, found exports: plugin'],
    [
      'old-api',
      'FAIL exports: plugin',
      'built for plugin API version 99, this agent supports version 1 (@spinel/sdk ^0.1); rebuild the plugin against a @spinel/sdk in that range',
    ],
    ['future-sdk', 'FAIL package.json:', "peer @spinel/sdk ^2.0.0 is not satisfied by this agent's @spinel/sdk 0.1.0; ranges that fit: ^0.1.0"],
    ['undeclared', 'FAIL catalogue:', 'published surprise, which its catalogue does not declare'],
    ['undeclared', 'FAIL catalogue:', 'published declared as counter, its catalogue says gauge'],
    ['shadowing', 'FAIL option `interval`:', 'every collector entry already takes `interval`'],
    ['shadowing', 'FAIL option `maxItems`:', 'e.g. max_items'],
    ['leaky', 'FAIL leak: retained heap grew', 'bytes per round over 20 rounds (budget 1024)'],
  ])('%s: reports %s … %s, exit 1', async (name, start, detail) => {
    const result = await check(name);
    expect(result.code).toBe(1);
    const line = result.stdout.split('\n').find((l) => l.includes(detail));
    expect(line?.trim().startsWith(start)).toBe(true);
  });

  it('reports a collector that passes its deadline', async () => {
    const result = await check('slow', '--deadline', '0.5', '--rounds', '5');
    expect(result.stdout).toContain('FAIL sample run: passed its 0.5 s deadline');
    expect(result.code).toBe(1);
  });

  it('passes a built-in plugin, and names a plugin that is not installed', async () => {
    const good = await checkSpecifier('@spinel/collector-loadavg', '--rounds', '50');
    expect(good.stdout).toContain('result: no problems');
    expect(good.code).toBe(0);
    const missing = await checkSpecifier('spinel-collector-nope');
    expect(missing.stdout).toMatch(/FAIL package spinel-collector-nope is not installed/);
    expect(missing.code).toBe(1);
  });

  it('counts the check-ins a collector makes beside its samples', async () => {
    const heartbeat = await checkSpecifier('@spinel/collector-heartbeat');
    expect(heartbeat.stdout).toContain('ok   sample run on this host: 0 samples and 1 check-in (heartbeat) in');
    expect(heartbeat.code).toBe(0);
  });
});
