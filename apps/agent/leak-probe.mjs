import { CollectorHarness } from '@spinel/testing';
import { heapCensus, usedHeapBytes, forceGc } from '@spinel/core';
import collector from '@spinel/collector-puppetdb';
import { startPuppetdb } from '/work/main/tooling/services/puppetdb.mjs';
const s = await startPuppetdb();
try {
  const h = new CollectorHarness(collector, { live: true, options: { host: s.host, port: s.port }, settings: { interval: 10, seriesStateTtl: 30 } });
  let t = 1_700_000_000;
  for (let i = 0; i < 30; i++) await h.step({ time: (t += 10) });
  await forceGc(); const a = await heapCensus(); const ua = usedHeapBytes();
  for (let i = 0; i < 200; i++) await h.step({ time: (t += 10) });
  await forceGc(); const b = await heapCensus(); const ub = usedHeapBytes();
  const g=[...b.countsByName].map(([n,c])=>[n,c-(a.countsByName.get(n)??0)]).filter(([,d])=>d>0).sort((x,y)=>y[1]-x[1]).slice(0,8); console.log(JSON.stringify(g)); console.log(process.version, 'programBytes/round', Math.round((b.programBytes - a.programBytes) / 200), 'usedHeap/round', Math.round((ub - ua) / 200));
  await h.close();
} finally { await s.stop(); }
