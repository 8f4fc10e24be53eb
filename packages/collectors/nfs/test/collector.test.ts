import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rpcFigures } from '@spinel/collector-nfsd';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector, { NFS_LAYOUT } from '@spinel/collector-nfs';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { 'net/rpc/nfs': 'rpc 12 -1 0\n' }, message: 'nfs: expected non-negative numbers after "rpc" (line 1, field 3: "-1")' },
  leak: {
    perRound: (r) => ({
      proc: { 'net/rpc/nfs': `net ${r} 0 ${r} 1\nrpc ${r * 3} 0 ${r * 3}\nproc4 48 ${Array.from({ length: 48 }, (_, i) => r + i).join(' ')}\n` },
    }),
  },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'net/rpc/nfs') },
});

describe('nfs figures', () => {
  it("drops the procN lines' field count, and names the 50th NFSv4 field getdevlist over the 46th where a kernel has it (Diamond's order)", () => {
    const counts = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(' ');
    const short = rpcFigures(`proc4 47 ${counts(47)}\n`, 'nfs', NFS_LAYOUT);
    expect([short.get('v4.null'), short.get('v4.getdevlist'), short.size]).toEqual([1, 46, 47]);
    const long = rpcFigures(`proc4 50 ${counts(50)}\n`, 'nfs', NFS_LAYOUT);
    expect([long.get('v4.getdevlist'), long.get('v4.ds_commit'), long.size]).toEqual([50, 49, 49]);
  });
});
