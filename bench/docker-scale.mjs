// Wall time of one docker collection cycle with 20, 50 and 100 running containers, reading
// cgroup files and reading the one-shot stats API (goal: 100 containers in under 1 s).
import { CollectorHarness } from '@spinel/testing';
import collector from '@spinel/collector-docker';
import { fmt, table } from './lib.mjs';
import { removeLabelled, SOCKET, startIdle } from './docker-lib.mjs';

const LABEL = 'spinel.bench=scale';
const counts = (process.env.BENCH_CONTAINERS ?? '20,50,100').split(',').map(Number);
const rows = [['running containers', 'source', 'cycle wall ms (median of 5)', 'samples']];
removeLabelled(LABEL);
let started = 0;
for (const count of counts) {
  await startIdle(count - started, LABEL, `scale-${started}`);
  started = count;
  for (const source of ['cgroup', 'api']) {
    const harness = new CollectorHarness(collector, {
      live: true,
      clock: () => Date.now() / 1000,
      options: { socket: SOCKET, source, concurrency: 8 },
      settings: { interval: 1, timeout: 120 },
    });
    await harness.step({ time: 0 });
    const times = [];
    let samples = 0;
    for (let i = 0; i < 5; i++) {
      const step = await harness.step({ time: 0 });
      if (step.result.error) throw new Error(step.result.error.message);
      times.push(step.result.durationMs);
      samples = step.samples.length;
    }
    await harness.close();
    times.sort((a, b) => a - b);
    rows.push([count, source, fmt(times[2], 0), samples]);
  }
}
removeLabelled(LABEL);
console.log('\nDocker collection cycle wall time (goal: 100 containers in under 1 s)');
console.log(table(rows));
