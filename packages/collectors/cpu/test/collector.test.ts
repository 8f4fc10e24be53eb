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
