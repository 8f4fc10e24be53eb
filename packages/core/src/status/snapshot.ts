import type { EffectiveConfig } from '../config/resolve.js';
import type { CollectorStats, HandlerStats, Telemetry } from '../telemetry/stats.js';
import type { WorkerState } from '../threads/supervisor.js';
import { handlerDestination } from './destination.js';
import type { CollectorBoard, HandlerBoard, Problem, ReloadRecord, StatusBoard } from './board.js';

/** A plugin thread as the status page sees it. */
export interface ThreadView {
  /** The worker's name (the config's `worker:`, or `own:<entry key>`). */
  readonly name: string;
  readonly state: WorkerState;
  readonly restarts: number;
  readonly specs: ReadonlyArray<{ key: string }>;
  readonly lastMemory: { heapUsedBytes: number; externalBytes: number } | undefined;
}

export interface AgentAbout {
  version: string;
  /** The config file, or the embedded default's label. */
  configFile: string;
  /** sha256 of the config text, hex. */
  configSha256: string;
}

export interface StatusInput {
  about: AgentAbout;
  config: EffectiveConfig;
  telemetry: Telemetry;
  board: StatusBoard;
  threads: { collectors: readonly ThreadView[]; handlers: readonly ThreadView[] };
  startedAt: number;
  now: number;
  /** The name in the agent's metric paths (agent.hostname, or the machine's). */
  hostname: string | undefined;
}

/** A drop within this long makes the agent unhealthy. */
export const RECENT_DROP_MS = 5 * 60_000;

export interface WorkerStatus {
  group: string;
  kind: 'collector' | 'handler';
  state: WorkerState;
  plugins: string[];
  heap_used_bytes: number | null;
  external_bytes: number | null;
  restarts: number;
  suspected_leak: boolean;
}

export interface CollectorStatus extends Omit<CollectorStats, 'suspected_leak' | 'worker_heap_used_bytes' | 'worker_external_bytes'> {
  key: string;
  plugin: string;
  worker: string;
  interval_seconds: number;
  state: 'ok' | 'failing' | 'waiting';
  last_run_at: number | null;
  last_samples: number | null;
  next_due_at: number | null;
  last_error: Problem | null;
}

export interface HandlerStatus extends Omit<HandlerStats, 'suspected_leak' | 'worker_heap_used_bytes' | 'worker_external_bytes'> {
  key: string;
  plugin: string;
  worker: string;
  /** Where it sends ({@link handlerDestination}); null when its options name no place. */
  destination: string | null;
  state: 'ok' | 'failing' | 'dropping';
  dropped_by: HandlerBoard['droppedBy'];
  last_drop_at: number | null;
  last_write_at: number | null;
  last_error: Problem | null;
}

export interface AgentStatus {
  version: string;
  hostname: string | null;
  pid: number;
  started_at: number;
  uptime_seconds: number;
  config: { file: string; sha256: string };
  rss_bytes: number;
  heap_used_bytes: number;
  healthy: boolean;
  /** Why not healthy, one line each. */
  problems: string[];
  workers: WorkerStatus[];
  collectors: CollectorStatus[];
  handlers: HandlerStatus[];
  reloads: ReloadRecord[];
}

function workerStatus(kind: WorkerStatus['kind'], thread: ThreadView, telemetry: Telemetry): WorkerStatus {
  const stats = thread.specs.map((s) => (kind === 'collector' ? telemetry.collectors.get(s.key) : telemetry.handlers.get(s.key)));
  return {
    group: thread.name,
    kind,
    state: thread.state,
    plugins: thread.specs.map((s) => s.key),
    heap_used_bytes: thread.lastMemory?.heapUsedBytes ?? null,
    external_bytes: thread.lastMemory?.externalBytes ?? null,
    restarts: thread.restarts,
    suspected_leak: stats.some((s) => s?.suspected_leak === 1),
  };
}

function counters<T extends object>(stats: T): Omit<T, 'suspected_leak' | 'worker_heap_used_bytes' | 'worker_external_bytes'> {
  const {
    suspected_leak: _a,
    worker_heap_used_bytes: _b,
    worker_external_bytes: _c,
    ...rest
  } = stats as T & { suspected_leak: number; worker_heap_used_bytes: number; worker_external_bytes: number };
  return rest as Omit<T, 'suspected_leak' | 'worker_heap_used_bytes' | 'worker_external_bytes'>;
}

function collectorState(board: CollectorBoard | undefined): CollectorStatus['state'] {
  if (board?.failing) return 'failing';
  return board?.lastRunAt === undefined ? 'waiting' : 'ok';
}

/** `/api/status`: the whole agent at this moment. */
export function agentStatus(input: StatusInput): AgentStatus {
  const { config, telemetry, board, threads, now } = input;
  const workers = [
    ...threads.collectors.map((t) => workerStatus('collector', t, telemetry)),
    ...threads.handlers.map((t) => workerStatus('handler', t, telemetry)),
  ];
  const collectors = config.collectors.map((entry): CollectorStatus => {
    const b = board.collectors.get(entry.key);
    return {
      key: entry.key,
      plugin: entry.plugin.packageName ?? entry.plugin.specifier,
      worker: entry.worker,
      interval_seconds: entry.common.interval,
      ...counters(telemetry.collector(entry.key)),
      state: collectorState(b),
      last_run_at: b?.lastRunAt ?? null,
      last_samples: b?.lastSamples ?? null,
      next_due_at: b?.nextDueAt ?? null,
      last_error: b?.lastError ?? null,
    };
  });
  const handlers = config.handlers.map((entry): HandlerStatus => {
    const b = board.handlers.get(entry.key);
    const recentDrop = b?.lastDropAt !== undefined && now - b.lastDropAt < RECENT_DROP_MS;
    return {
      key: entry.key,
      plugin: entry.plugin.packageName ?? entry.plugin.specifier,
      worker: entry.worker,
      destination: handlerDestination(entry.options),
      ...counters(telemetry.handler(entry.key)),
      state: b?.failing ? 'failing' : recentDrop ? 'dropping' : 'ok',
      dropped_by: b?.droppedBy ?? {},
      last_drop_at: b?.lastDropAt ?? null,
      last_write_at: b?.lastWriteAt ?? null,
      last_error: b?.lastError ?? null,
    };
  });
  const problems = [
    ...workers.filter((w) => w.state !== 'ready').map((w) => `worker ${w.group} is ${w.state}`),
    ...workers.filter((w) => w.suspected_leak).map((w) => `worker ${w.group} is suspected of leaking`),
    ...collectors.filter((c) => c.state === 'failing').map((c) => c.last_error?.message ?? `collector ${c.key} is failing`),
    ...handlers.filter((h) => h.state === 'failing').map((h) => h.last_error?.message ?? `handler ${h.key} is failing`),
    ...handlers
      .filter((h) => h.state === 'dropping')
      .map(
        (h) =>
          `handler ${h.key} dropped samples in the last ${RECENT_DROP_MS / 60_000} minutes (${Object.entries(h.dropped_by)
            .map(([why, n]) => `${n} ${why}`)
            .join(', ')})`,
      ),
  ];
  const memory = process.memoryUsage();
  return {
    version: input.about.version,
    hostname: input.hostname ?? null,
    pid: process.pid,
    started_at: input.startedAt,
    uptime_seconds: Math.round((now - input.startedAt) / 1000),
    config: { file: input.about.configFile, sha256: input.about.configSha256 },
    rss_bytes: memory.rss,
    heap_used_bytes: memory.heapUsed,
    healthy: problems.length === 0,
    problems,
    workers,
    collectors,
    handlers,
    reloads: board.reloads,
  };
}
