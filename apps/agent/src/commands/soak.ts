import { parseArgs } from 'node:util';
import { definitionFromModule, parseConfig, locatePlugin, sleep } from '@spinel/core';
import type { CollectorDefinition, HandlerDefinition, Sample } from '@spinel/sdk';
import { measureRetained, type RetainedReport } from '@spinel/testing';
import { AGENT_DIR, configSource, loadEffectiveConfig } from '../config-source.js';
import { parseOptionSets } from '../option-sets.js';
import { pluginKindOf, pluginTarget } from '../plugin-target.js';
import { EXIT, UsageError } from '../errors.js';
import type { Output } from '../output.js';
import { singleCollectorSource } from './collect.js';

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);

function syntheticBatch(round: number): Sample[] {
  return Array.from({ length: 100 }, (_, i) => ({
    path: `servers.soak.synthetic.series${round}_${i}`,
    name: `series${round}_${i}`,
    value: i,
    timestamp: Math.floor(Date.now() / 1000),
    type: 'gauge' as const,
    precision: 0,
    collectorPath: 'synthetic',
    host: 'soak',
    dimensions: { round: String(round) },
  }));
}

function printReport(report: RetainedReport, io: Output): void {
  io.out(
    `retained heap: ${mb(report.heapBytes[0] ?? 0)} MB -> ${mb(report.heapBytes.at(-1) ?? 0)} MB over ${report.rounds} rounds; slope ${report.slopeBytesPerRound.toFixed(0)} bytes/round`,
  );
  if (report.growth.length === 0) io.out('no constructor gained live objects');
  else {
    io.out('constructors that gained live objects (first -> last round):');
    for (const g of report.growth) io.out(`  ${g.name.padEnd(40)} ${g.before} -> ${g.after} (+${g.growth})`);
  }
  io.out(report.slopeBytesPerRound < 1024 ? 'verdict: flat (under 1 KB per round)' : 'verdict: SUSPECTED LEAK (1 KB or more per round)');
}

/** Rounds not measured: a quarter of the soak, at least 10. JIT tiering, pools and caches settle in them and look like growth. */
export function warmupRounds(total: number): number {
  return Math.min(total - 2, Math.max(10, Math.round(total / 4)));
}

/** The kind a plugin module defines, read from its default export. */
async function kindOfPlugin(plugin: string): Promise<'collector' | 'handler'> {
  const resolved = locatePlugin(plugin, process.cwd(), [process.cwd(), AGENT_DIR]);
  return pluginKindOf((await import(resolved.url)) as Record<string, unknown>);
}

/**
 * `spinel soak`: runs one collector against the live host (or one handler with 100 new distinct
 * series per round) for N minutes, forcing a full GC after every round, and prints the retained
 * heap trend and the constructors that grow. Exits 1 on a suspected leak, so CI can gate on it.
 */
export async function soakCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      minutes: { type: 'string', default: '10' },
      interval: { type: 'string', default: '1' },
      handler: { type: 'boolean', default: false },
      set: { type: 'string', multiple: true, default: [] },
      config: { type: 'string' },
    },
  });
  const [name] = positionals;
  if (!name || positionals.length > 1) throw new UsageError('expected `soak <name|path|package>` with exactly one plugin');
  const minutes = Number(values.minutes);
  const interval = Number(values.interval);
  if (!(minutes > 0) || !(interval > 0)) throw new UsageError('--minutes and --interval take numbers > 0');
  const sets = parseOptionSets(values.set ?? []);
  const total = Math.max(12, Math.round((minutes * 60) / interval));
  const warmup = warmupRounds(total);
  const rounds = total - warmup;
  const onRound = async (round: number, heap: number): Promise<void> => {
    if (round % 10 === 0 || round === rounds - 1) io.out(`round ${String(round + 1).padStart(5)}/${rounds}  heap after GC ${mb(heap)} MB`);
    await sleep(interval * 1000);
  };
  const source = values.config ? configSource(values.config) : undefined;
  const document = source ? parseConfig(source).document : {};
  let report: RetainedReport;
  const handlers = (document.handlers ?? {}) as Record<string, unknown>;
  const asCollector = pluginTarget('collector', name, Object.keys((document.collectors ?? {}) as object));
  const kind = values.handler ? 'handler' : asCollector.plugin ? await kindOfPlugin(asCollector.plugin) : 'collector';
  if (kind === 'handler') {
    const handlerTarget = pluginTarget('handler', name, Object.keys(handlers));
    const text = JSON.stringify({
      agent: document.agent ?? {},
      handlers: {
        [handlerTarget.key]: { ...(handlerTarget.plugin ? { plugin: handlerTarget.plugin } : {}), ...((handlers[handlerTarget.key] ?? {}) as object), ...sets },
      },
    });
    const config = await loadEffectiveConfig({ label: source?.label ?? '<command line>', text, baseDir: source?.baseDir ?? process.cwd() });
    const entry = config.handlers[0];
    if (!entry) throw new UsageError(`handler ${handlerTarget.key} is disabled`);
    const definition = definitionFromModule(
      (await import(entry.plugin.url)) as Record<string, unknown>,
      'handler',
      entry.plugin.specifier,
    ) as HandlerDefinition;
    io.out(
      `soaking handler ${entry.key} for ${minutes} min: ${warmup} warm-up rounds not measured, then ${rounds} rounds of 100 new series, every ${interval} s`,
    );
    report = await measureRetained({ handler: definition, options: entry.options, perRound: syntheticBatch }, { rounds, warmup, onRound });
  } else {
    const config = await loadEffectiveConfig(await singleCollectorSource({ name, config: values.config, sets, interval }));
    const entry = config.collectors[0];
    if (!entry) throw new UsageError(`collector ${name} is disabled`);
    const definition = definitionFromModule(
      (await import(entry.plugin.url)) as Record<string, unknown>,
      'collector',
      entry.plugin.specifier,
    ) as CollectorDefinition;
    io.out(
      `soaking collector ${entry.key} against the live host for ${minutes} min: ${warmup} warm-up rounds not measured, then ${rounds} rounds every ${interval} s`,
    );
    report = await measureRetained(
      { collector: definition, options: entry.options, interval, live: true, perRound: () => undefined },
      { rounds, warmup, onRound },
    );
  }
  printReport(report, io);
  return report.slopeBytesPerRound < 1024 ? EXIT.ok : EXIT.failure;
}
