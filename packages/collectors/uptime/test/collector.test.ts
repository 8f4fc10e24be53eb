import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectOnce } from '@spinel/testing';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-uptime';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { uptime: 'soon\n' }, message: 'uptime: expected "<uptime seconds> <idle seconds>"' },
  leak: { perRound: (r) => ({ proc: { uptime: `${r}.50 ${r * 2}.25\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'uptime') },
});

describe('uptime metric_name (Diamond)', () => {
  it('publishes the uptime under the unit it names, besides seconds', async () => {
    const proc = { uptime: '7200.00 10.00\n' };
    const hours = await collectOnce(collector, { proc }, { options: { metric_name: 'hours' } });
    expect(Object.fromEntries(hours.values)).toEqual({ hours: 2, seconds: 7200, idle_seconds: 10 });
    const seconds = await collectOnce(collector, { proc }, { options: { metric_name: 'seconds' } });
    expect(Object.fromEntries(seconds.values)).toEqual({ seconds: 7200, idle_seconds: 10 });
    const bad = await collectOnce(collector, { proc }, { options: { metric_name: 'weeks' } }).catch((error: Error) => error.message);
    expect(String(bad)).toContain('metric_name');
  });
});
