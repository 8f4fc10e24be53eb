import { parseArgs } from 'node:util';
import {
  agentHostname,
  collectorSettings,
  CollectorRunner,
  createHostPaths,
  configSecrets,
  createLogger,
  definitionFromModule,
  hostRootsFromEnv,
  parseConfig,
  sleep,
  type ConfigSource,
  type LogLevel,
  type SampleInput,
} from '@spinel/core';
import { formatConsoleBatch, formatConsoleChecks } from '@spinel/handler-console';
import { createScrubber, type Check, type CollectorDefinition, type Logger, type Sample } from '@spinel/sdk';
import { configSource, loadEffectiveConfig } from '../config-source.js';
import { parseOptionSets } from '../option-sets.js';
import { pluginTarget } from '../plugin-target.js';
import { EXIT, UsageError } from '../errors.js';
import type { Output } from '../output.js';

interface CollectArgs {
  name: string;
  runs: number;
  interval: number | undefined;
  json: boolean;
  sets: Record<string, unknown>;
  config: string | undefined;
}

function parseCollectArgs(args: string[]): CollectArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      runs: { type: 'string', default: '1' },
      interval: { type: 'string' },
      json: { type: 'boolean', default: false },
      set: { type: 'string', multiple: true, default: [] },
      config: { type: 'string' },
    },
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0)
    throw new UsageError(
      'expected `collect <name|path|package>`: one collector, by its name in the config, a built-in name, a path (`.` for the package here) or an installed package',
    );
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs: expected a whole number >= 1, found ${JSON.stringify(values.runs)}`);
  const interval = values.interval === undefined ? undefined : Number(values.interval);
  if (interval !== undefined && !(interval > 0)) throw new UsageError(`--interval: expected seconds > 0, found ${JSON.stringify(values.interval)}`);
  return { name, runs, interval, json: values.json ?? false, sets: parseOptionSets(values.set ?? []), config: values.config };
}

/** A one-collector config: the agent section and the entry from --config, then --set and --interval. */
export function singleCollectorSource(args: Pick<CollectArgs, 'name' | 'config' | 'sets' | 'interval'>): ConfigSource {
  const base = args.config ? configSource(args.config) : undefined;
  const doc = base ? parseConfig(base).document : {};
  const collectors = (doc.collectors ?? {}) as Record<string, unknown>;
  const target = pluginTarget('collector', args.name, Object.keys(collectors));
  const entry = (collectors[target.key] ?? {}) as Record<string, unknown>;
  const document = {
    agent: doc.agent ?? {},
    collectors: {
      defaults: collectors.defaults ?? {},
      [target.key]: { ...(target.plugin ? { plugin: target.plugin } : {}), ...entry, ...args.sets, ...(args.interval ? { interval: args.interval } : {}) },
    },
  };
  return { label: base?.label ?? '<command line>', text: JSON.stringify(document), baseDir: base?.baseDir ?? process.cwd() };
}

function toSample(input: SampleInput & { type: Sample['type'] }, collectorPath: string, host: string | undefined): Sample {
  return { ...input, collectorPath, host };
}

function isMetric(input: SampleInput): input is SampleInput & { type: Sample['type'] } {
  return input.type !== 'check';
}

function toCheck(input: SampleInput, collectorPath: string, host: string | undefined): Check {
  return { name: input.name, ttl: input.value, timestamp: input.timestamp, collectorPath, host };
}

/** Why a run printed nothing: the first run of rates, and what the collector said at debug level. */
function nothingPublished(run: number, runs: number, said: readonly string[]): string {
  const firstRun = run === 1 ? ` yet (rates need a previous run${runs === 1 ? ': try --runs 2' : ''})` : '';
  return `nothing published${firstRun}${said.length > 0 ? `; the collector said: ${said.join('; ')}` : ''}`;
}

/** `spinel collect`: one collector, in this process, printed as it publishes. */
export async function collectCommand(argv: string[], io: Output): Promise<number> {
  const args = parseCollectArgs(argv);
  const config = await loadEffectiveConfig(singleCollectorSource(args));
  const entry = config.collectors[0];
  if (!entry) throw new UsageError(`collector ${args.name} is disabled in ${args.config ?? 'the config'}`);
  const hostname = await agentHostname(config.agent);
  const settings = collectorSettings(entry, config.agent, hostname);
  const definition = definitionFromModule(
    (await import(entry.plugin.url)) as Record<string, unknown>,
    'collector',
    entry.plugin.specifier,
  ) as CollectorDefinition;
  const scrub = createScrubber(configSecrets(config));
  const log = createLogger({ level: config.agent.log_level as LogLevel, scope: `collector ${entry.key}`, redact: scrub });
  // What the collector says at debug level explains a run that published nothing (a filter, an idle device).
  const said: string[] = [];
  const listening: Logger = {
    ...log,
    debug: (message, fields) => {
      if (said.length < 5) said.push(scrub(message));
      log.debug(message, fields);
    },
  };
  const runner = new CollectorRunner(definition, entry.options as never, settings, {
    clock: () => Date.now() / 1000,
    hostPaths: createHostPaths(hostRootsFromEnv()),
    log: listening,
  });
  await runner.setup();
  let failures = 0;
  try {
    for (let run = 1; run <= args.runs; run++) {
      const samples: SampleInput[] = [];
      said.length = 0;
      const result = await runner.run((s) => samples.push(s));
      if (result.error) {
        failures++;
        io.err(scrub(`spinel: run ${run}: collector ${entry.key} failed: ${result.error.message}`));
      }
      if (args.json) {
        for (const s of samples) io.out(JSON.stringify({ ...s, dimensions: s.dimensions ?? {}, collector: settings.collectorPath, key: entry.key }));
      } else if (samples.length > 0) {
        const metrics = samples.filter(isMetric).map((s) => toSample(s, settings.collectorPath, hostname));
        const checks = samples.filter((s) => !isMetric(s)).map((s) => toCheck(s, settings.collectorPath, hostname));
        io.out((formatConsoleBatch(metrics, 'full') + formatConsoleChecks(checks)).trimEnd());
      } else if (!result.error) {
        io.err(`spinel: run ${run}: ${nothingPublished(run, args.runs, said)}`);
      }
      if (run < args.runs) await sleep(settings.interval * 1000);
    }
  } finally {
    await runner.teardown();
  }
  return failures === args.runs ? EXIT.failure : EXIT.ok;
}
