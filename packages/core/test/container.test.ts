import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createAgentContainer,
  decodeBatch,
  FanOut,
  loadConfig,
  PluginIntrospector,
  Scheduler,
  TOKENS,
  type Agent,
  type EncodedBatch,
  type ScheduledJob,
} from '@spinel/core';

// The runtime's services come from a tsyringe container by token; a test replaces one by
// registering its token. Here the scheduler (so runs happen when the test says, not on a timer)
// and the fan-out (so the test sees what the collectors publish) are replaced, and a real agent
// with a real collector thread runs between them.

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const introspector = new PluginIntrospector();
afterAll(() => introspector.close());

/** Runs jobs only when told. */
class ManualScheduler extends Scheduler {
  readonly jobs = new Map<string, ScheduledJob>();
  override add(job: ScheduledJob): void {
    this.jobs.set(job.name, job);
  }
  override async stop(): Promise<void> {
    this.jobs.clear();
  }
  run(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job ${name} (have ${[...this.jobs.keys()].join(', ')})`);
    return job.run();
  }
}

/** Keeps every batch published, instead of handing them to handler queues. */
class RecordingFanOut extends FanOut {
  readonly batches: EncodedBatch[] = [];
  override publish(batch: EncodedBatch): void {
    this.batches.push(batch);
  }
}

describe('the agent container', () => {
  it('lets a test replace the scheduler and the fan-out by their tokens', async () => {
    const config = await loadConfig(
      {
        label: 'spinel.yaml',
        text: 'agent: { hostname: h, telemetry_interval: 60 }\ncollectors:\n  e1: { plugin: ./echo-collector.mjs, value: 7 }\n',
        baseDir: fixtures,
      },
      { introspector, searchDirs: [fixtures] },
    );
    const lines: string[] = [];
    const container = createAgentContainer({ config, hostname: 'h', logSink: (line) => lines.push(line) });
    const scheduler = new ManualScheduler();
    const fanOut = new RecordingFanOut();
    container.register(TOKENS.Scheduler, { useValue: scheduler });
    container.register(TOKENS.FanOut, { useValue: fanOut });
    const agent = container.resolve<Agent>(TOKENS.Agent);
    await agent.start();
    try {
      expect([...scheduler.jobs.keys()].sort()).toEqual(['e1', 'spinel:telemetry']);
      expect(fanOut.batches).toEqual([]);
      await scheduler.run('e1');
      await scheduler.run('e1');
      const published = fanOut.batches.flatMap((b) => decodeBatch(b)).map((s) => [s.path, s.value]);
      expect(published).toEqual([
        ['servers.h.echo.value', 7],
        ['servers.h.echo.value', 7],
      ]);
      await scheduler.run('spinel:telemetry');
      const telemetry = decodeBatch(fanOut.batches.at(-1)!);
      expect(telemetry.find((s) => s.path === 'servers.h.spinel.collectors.e1.runs')?.value).toBe(2);
    } finally {
      await agent.stop(2_000);
    }
    expect(lines.some((line) => line.includes('agent started'))).toBe(true);
  });
});
