import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CollectorHarness } from '@spinel/testing';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector, { NFSD_LAYOUT, rpcFigures } from '@spinel/collector-nfsd';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { 'net/rpc/nfsd': 'rc 0 0 0\nio 12 x\n' }, message: 'nfsd: expected non-negative numbers after "io" (line 2, field 3: "x")' },
  // The figures are fixed names; new values every round.
  leak: {
    perRound: (r) => ({
      proc: { 'net/rpc/nfsd': `rc ${r} ${r * 2} ${r * 3}\nio ${r * 4096} ${r * 512}\nproc3 22 ${Array.from({ length: 22 }, (_, i) => r * i).join(' ')}\n` },
    }),
  },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'net/rpc/nfsd') },
});

describe('nfsd figures', () => {
  it("reads the thread buckets' fractions as whole numbers, as Diamond's long(float(x)) did", () => {
    const figures = rpcFigures('th 8 1324492 22163.787 8448.718\n', 'nfsd', NFSD_LAYOUT);
    expect([...figures]).toEqual([
      ['threads.threads', 8],
      ['threads.fullcnt', 1324492],
      ['threads.10-20-pct', 22163],
      ['threads.20-30-pct', 8448],
    ]);
  });

  it('skips lines it does not know and publishes the change per second, 0 when a counter went down', async () => {
    const harness = new CollectorHarness(collector, { settings: { interval: 10 } });
    await harness.step({ time: 0, proc: { 'net/rpc/nfsd': 'io 1000 50\nwdeleg_getattr 7\n' } });
    const step = await harness.step({ time: 10, proc: { 'net/rpc/nfsd': 'io 3000 20\nwdeleg_getattr 9\n' } });
    await harness.close();
    expect(Object.fromEntries(step.values)).toEqual({ 'input_output.bytes-read': 200, 'input_output.bytes-written': 0 });
    expect(step.samples.every((s) => s.type === 'rate' && s.precision === 3)).toBe(true);
  });
});
