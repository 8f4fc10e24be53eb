import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CollectorHarness } from '@spinel/testing';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-cpu';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { stat: 'cpu  12 abc 4\n' }, message: 'stat: expected cpu lines of at least 4 non-negative counters' },
  leak: { perRound: (r) => ({ proc: { stat: `cpu ${r} 1 1 1\ncpu${r} ${r} 1 1 1\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'stat') },
});

describe('cpu collector', () => {
  it('publishes per-core dimensions', async () => {
    const harness = new CollectorHarness(collector);
    await harness.step({ time: 0, proc: { stat: 'cpu 1 1 1 1\ncpu0 1 1 1 1\n' } });
    const step = await harness.step({ time: 10, proc: { stat: 'cpu 11 1 1 1\ncpu0 11 1 1 1\n' } });
    await harness.close();
    const user = step.samples.find((s) => s.name === 'cpu0.user');
    expect(user).toMatchObject({ path: 'servers.testhost.cpu.cpu0.user', value: 1, type: 'rate', dimensions: { cpu: 'cpu0' } });
  });
});

describe('cpu xenfix (Diamond)', () => {
  // cpu0 doubles its idle time: 10 + 10 + 10 + 180 a second, far past 100.
  const before = 'cpu 0 0 0 0\ncpu0 0 0 0 0\n';
  const after = 'cpu 10 10 10 180\ncpu0 10 10 10 180\n';
  async function idleRate(options: Record<string, unknown>, xen: boolean): Promise<number | undefined> {
    const harness = new CollectorHarness(collector, { options, settings: { interval: 1 } });
    const extra = xen ? { 'xen/capabilities': '' } : {};
    await harness.step({ time: 0, proc: { stat: before, ...extra } });
    const step = await harness.step({ time: 1, proc: { stat: after, ...extra } });
    await harness.close();
    return step.values.get('cpu0.idle');
  }

  it('auto halves idle on a Xen guest whose cpu0 adds up past 110, and only there', async () => {
    expect(await idleRate({}, true)).toBe(90);
    expect(await idleRate({}, false)).toBe(180);
    expect(await idleRate({ xenfix: 'False' }, true)).toBe(180);
    expect(await idleRate({ xenfix: 'true' }, false)).toBe(90);
  });
});
