import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgentContainer, loadConfig, PluginIntrospector, TOKENS, type Agent, type HandlerStats, type Telemetry } from '@spinel/core';

export interface OutageOptions {
  /** The handler under test: its plugin (package name or path) and options, as in a config. */
  handler: { plugin: string; options: Record<string, unknown> };
  /** Folder the plugin package resolves from (its package folder). */
  searchDir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Host name of the samples: `servers.<hostname>.tick.runs`. */
  hostname: string;
  beforeMs?: number;
  outageMs?: number;
  afterMs?: number;
  /** The agent's log lines (default: discarded). */
  log?: (line: string) => void;
}

export interface OutageResult {
  /** Every tick sample published during the run, as [timestamp (s), value], in order. */
  published: Array<[number, number]>;
  stats: HandlerStats;
  /** Most samples queued in memory at any time during the outage. */
  maxQueued: number;
}

const TICK = fileURLToPath(new URL('./fixtures/tick-collector.js', import.meta.url));
const RECORD = fileURLToPath(new URL('./fixtures/record-handler.js', import.meta.url));

/**
 * The fault test every handler gets: an agent publishes a counter every second (timestamps are
 * whole seconds, so a faster tick would give two values one timestamp) to the handler and
 * to a recorder; the backend is stopped for `outageMs` and started again. The caller then reads
 * the backend and compares with `published`: within the buffer, everything must arrive once.
 */
export async function runThroughOutage(options: OutageOptions): Promise<OutageResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-outage-'));
  const record = path.join(dir, 'published.log');
  const handlerOptions = Object.entries({ retry_initial: 0.2, retry_max: 1, flush_interval: 0, ...options.handler.options })
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ');
  const introspector = new PluginIntrospector();
  const config = await loadConfig(
    {
      label: 'outage.yaml',
      baseDir: dir,
      text: `agent: { hostname: ${options.hostname}, telemetry: false }
collectors:
  tick: { plugin: ${JSON.stringify(TICK)}, interval: 1, splay: 0 }
handlers:
  record: { plugin: ${JSON.stringify(RECORD)}, file: ${JSON.stringify(record)}, flush_interval: 0 }
  under_test: { plugin: ${JSON.stringify(options.handler.plugin)}, ${handlerOptions} }
`,
    },
    { introspector, searchDirs: [options.searchDir] },
  );
  await introspector.close();
  const container = createAgentContainer({ config, hostname: options.hostname, logSink: options.log ?? (() => undefined) });
  const agent = container.resolve<Agent>(TOKENS.Agent);
  const telemetry = container.resolve<Telemetry>(TOKENS.Telemetry);
  await agent.start();
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  await sleep(options.beforeMs ?? 2500);
  await options.stop();
  let maxQueued = 0;
  const watch = setInterval(() => (maxQueued = Math.max(maxQueued, telemetry.handler('under_test').queue_length)), 50);
  await sleep(options.outageMs ?? 4000);
  clearInterval(watch);
  await options.start();
  await sleep(options.afterMs ?? 4000);
  await agent.stop(10_000);
  const published = readFileSync(record, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([p]) => p === `servers.${options.hostname}.tick.runs`)
    .map(([, v, t]) => [Number(t), Number(v)] as [number, number]);
  return { published, stats: { ...telemetry.handler('under_test') }, maxQueued };
}
