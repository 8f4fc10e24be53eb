import { createScrubber, type Logger } from '@spinel/sdk';
import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { EffectiveConfig } from '../config/resolve.js';
import type { FanOut } from '../route/fan-out.js';
import type { Telemetry } from '../telemetry/stats.js';
import type { StatusBoard } from './board.js';
import { HistorySet } from './history.js';
import { guarded } from '../support/guard.js';
import { SeriesStore } from './series.js';
import { StatusServer } from './server.js';
import { agentStatus, type AgentAbout, type ThreadView } from './snapshot.js';

export interface StatusServiceInput {
  config: EffectiveConfig;
  about: AgentAbout;
  telemetry: Telemetry;
  board: StatusBoard;
  threads: () => { collectors: readonly ThreadView[]; handlers: readonly ThreadView[] };
  log: Logger;
  /** The agent's host name in metric paths, shown atop the page. */
  hostname?: string | undefined;
  /** The config's secret values: scrubbed, with sensitive query values and Authorization headers, from every answer. */
  secrets?: readonly string[] | undefined;
}

/**
 * The status page's state and server: the board, the chart histories (each worker's heap and
 * off-heap memory as its last run or ack reported them, so no GC is forced; each handler's
 * queue; each collector's run duration) and the metric browser's recent values.
 */
export class StatusService {
  private readonly startedAt = Date.now();
  private readonly heap: HistorySet;
  private readonly external: HistorySet;
  private readonly queues: HistorySet;
  private readonly durations: HistorySet;
  readonly series: SeriesStore;
  private readonly server: StatusServer;
  private timer: NodeJS.Timeout | undefined;
  private readonly stepMs: number;

  constructor(private input: StatusServiceInput) {
    const settings = input.config.status;
    this.stepMs = settings.history_step * 1000;
    const points = Math.max(2, Math.ceil((settings.history_minutes * 60) / settings.history_step));
    this.heap = new HistorySet(points);
    this.external = new HistorySet(points);
    this.queues = new HistorySet(points);
    this.durations = new HistorySet(points);
    this.series = new SeriesStore(settings.series_max, settings.series_points, settings.series_minutes * 60_000);
    this.server = new StatusServer(
      settings,
      {
        status: () => this.status(),
        history: () => this.history(),
        seriesPaths: (filter) => this.series.paths(filter, 500),
        seriesValues: (path) => this.series.values(path),
        reload: () => (this.reloader ? this.reloader() : Promise.resolve({ ok: false, message: 'no reload is wired to this agent' })),
      },
      input.log,
      createScrubber(input.secrets ?? []),
      {
        refused: () => void input.telemetry.agent.status_refused++,
        idleClosed: () => void input.telemetry.agent.status_idle_closed++,
      },
    );
  }

  async start(): Promise<number | undefined> {
    this.record();
    this.timer = setInterval(
      guarded('status.history', () => this.record()),
      this.stepMs,
    );
    this.timer.unref();
    return this.server.start();
  }

  get port(): number | undefined {
    return this.server.port;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.server.stop();
  }

  /** Every batch the fan-out publishes passes here first (the metric browser's values). */
  observe(batch: EncodedBatch): void {
    this.series.record(batch);
  }

  /** What `POST /api/reload` calls (the CLI wires it to re-reading the config file). */
  reloader: (() => Promise<{ ok: boolean; message: string }>) | undefined;

  /** After a reload: the page lists the new config's entries. */
  setConfig(config: EffectiveConfig): void {
    this.input.config = config;
  }

  status(): ReturnType<typeof agentStatus> {
    const { config, about, telemetry, board } = this.input;
    return agentStatus({
      config,
      about,
      telemetry,
      board,
      threads: this.input.threads(),
      startedAt: this.startedAt,
      now: Date.now(),
      hostname: this.input.hostname,
    });
  }

  history(): Record<string, unknown> {
    return { step_ms: this.stepMs, heap_used_bytes: this.heap, external_bytes: this.external, queue_length: this.queues, run_duration_ms: this.durations };
  }

  /** One point per chart line, now. */
  record(): void {
    const now = Date.now();
    const threads = this.input.threads();
    for (const thread of [...threads.collectors, ...threads.handlers]) {
      if (!thread.lastMemory) continue;
      this.heap.push(thread.name, now, thread.lastMemory.heapUsedBytes);
      this.external.push(thread.name, now, thread.lastMemory.externalBytes);
    }
    for (const [key, stats] of this.input.telemetry.handlers) this.queues.push(key, now, stats.queue_length);
    for (const [key, stats] of this.input.telemetry.collectors) if (stats.runs > 0) this.durations.push(key, now, stats.last_duration_ms);
    // What a reload removed goes from the charts.
    const groups = new Set([...threads.collectors, ...threads.handlers].map((t) => t.name));
    this.heap.retain(groups);
    this.external.retain(groups);
    this.queues.retain(new Set(this.input.telemetry.handlers.keys()));
    this.durations.retain(new Set(this.input.telemetry.collectors.keys()));
  }
}

/** The status service of an agent with `agent.status.enabled`, watching every published batch. */
export function createStatusService(input: Omit<StatusServiceInput, 'about'> & { about?: AgentAbout | undefined; fanOut: FanOut }): StatusService | undefined {
  if (!input.config.status.enabled) return undefined;
  const about = input.about ?? { version: 'unknown', configFile: input.config.source, configSha256: '' };
  const service = new StatusService({ ...input, about });
  input.fanOut.observer = (batch) => service.observe(batch);
  return service;
}
