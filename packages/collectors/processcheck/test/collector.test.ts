import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validatePluginOptions } from '@spinel/sdk';
import { CollectorHarness } from '@spinel/testing';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-processcheck';

const stat = (pid: number, name: string, state: string): string =>
  `${pid} (${name}) ${state} 1 ${pid} ${pid} 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 1 0 50000 100000000 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n`;

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: {
    proc: { '42/stat': '42 nginx S 1\n' },
    message: '42/stat: expected "<pid> (<name>) <state> ..."',
    options: { process: { nginx: { name: 'nginx' } } },
  },
  // New processes every round, half of them in groups that check in.
  leak: {
    options: { process: { even: { name: '^even' }, odd: { name: '^odd' } } },
    perRound: (r) => ({
      proc: Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [`${r * 20 + i + 2}/stat`, stat(r * 20 + i + 2, `${i % 2 ? 'odd' : 'even'}${r}`, i % 4 === 3 ? 'T' : 'S')]),
      ),
    }),
  },
});

describe('processcheck options', () => {
  it("takes the fork's groups (exe, name, cmdline as regular expressions) and names a bad one", () => {
    const issues = (process: unknown) => validatePluginOptions(collector, { process }).issues.map((i) => `${i.key}: ${i.expected}`);
    expect(issues({ pg: { exe: '^/usr/lib/postgresql/+d.+d/bin/postgres$', name: '^postgres,^pg' } })).toEqual([]);
    expect(issues({ pg: { name: '(' } })[0]).toContain('name: a valid regular expression, found "("');
    expect(issues({ pg: { command: 'x' } })[0]).toContain('found key command');
  });
});

describe('processcheck on this host', () => {
  it('checks in a group while its process runs, and not once it has exited', async () => {
    const marker = `spinel-processcheck-${process.pid}`;
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('spawn', resolve));
    const h = new CollectorHarness(collector, {
      live: true,
      options: { ttl: 90, process: { sleeper: { cmdline: marker }, absent: { name: '^no-such-process$' } } },
    });
    const running = await h.step({ time: 1 });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const gone = await h.step({ time: 2 });
    await h.close();
    expect(running.result.error).toBeUndefined();
    expect(Object.fromEntries(running.checks)).toEqual({ sleeper: 90 });
    expect([...gone.checks]).toEqual([]);
  });
});
