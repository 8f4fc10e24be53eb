import { parseArgs } from 'node:util';
import { definitionFromModule, sleep } from '@spinel/core';
import type { CollectorDefinition, HandlerDefinition, Sample } from '@spinel/sdk';
import { measureRetained, type RetainedReport } from '@spinel/testing';
import { configSource, loadEffectiveConfig } from '../config-source.js';
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
  io.out(`retained heap: ${mb(report.heapBytes[0] ?? 0)} MB -> ${mb(report.heapBytes.at(-1) ?? 0)} MB over ${report.rounds} rounds; slope ${report.slopeBytesPerRound.toFixed(0)} bytes/round`);
  if (report.growth.length === 0) io.out('no constructor gained live objects');
  else {
    io.out('constructors that gained live objects (first -> last round):');
    for (const g of report.growth) io.out(`  ${g.name.padEnd(40)} ${g.before} -> ${g.after} (+${g.growth})`);
  }
  io.out(report.slopeBytesPerRound < 1024 ? 'verdict: flat (under 1 KB per round)' : 'verdict: SUSPECTED LEAK (1 KB or more per round)');
}

/**
 * `spinel soak`: runs one collector against the live host (or one handler with 100 new distinct
 * series per round) for N minutes, forcing a full GC after every round, and prints the retained
 * heap trend and the constructors that grow.
 */
export async function soakCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      minutes: { type: 'string', default: '10' },
      interval: { type: 'string', default: '1' },
      handler: { type: 'boolean', default: false },
      config: { type: 'string' },
    },
  });
  const [name] = positionals;
  if (!name || positionals.length > 1) throw new UsageError('expected `soak <name>` with exactly one plugin name');
  const minutes = Number(values.minutes);
  const interval = Number(values.interval);
  if (!(minutes > 0) || !(interval > 0)) throw new UsageError('--minutes and --interval take numbers > 0');
  const rounds = Math.max(2, Math.round((minutes * 60) / interval));
  const onRound = async (round: number, heap: number): Promise<void> => {
    if (round % 10 === 0 || round === rounds - 1) io.out(`round ${String(round + 1).padStart(5)}/${rounds}  heap after GC ${mb(heap)} MB`);
    await sleep(interval * 1000);
  };
  let report: RetainedReport;
  if (values.handler) {
    const source = configSource(values.config);
    const config = await loadEffectiveConfig(values.config ? source : { ...source, text: JSON.stringify({ handlers: { [name]: {} } }) });
    const entry = config.handlers.find((h) => h.key === name);
    if (!entry) throw new UsageError(`no handler ${name} in ${values.config ?? 'the command line'}`);
    const definition = definitionFromModule((await import(entry.plugin.url)) as Record<string, unknown>, 'handler', entry.plugin.specifier) as HandlerDefinition;
    io.out(`soaking handler ${name} for ${minutes} min: ${rounds} rounds of 100 new series, every ${interval} s`);
    report = await measureRetained({ handler: definition, options: entry.options, perRound: syntheticBatch }, { rounds, warmup: 10, onRound });
  } else {
    const config = await loadEffectiveConfig(await singleCollectorSource({ name, config: values.config, sets: {}, interval }));
    const entry = config.collectors[0];
    if (!entry) throw new UsageError(`collector ${name} is disabled`);
    const definition = definitionFromModule((await import(entry.plugin.url)) as Record<string, unknown>, 'collector', entry.plugin.specifier) as CollectorDefinition;
    io.out(`soaking collector ${name} against the live host for ${minutes} min: ${rounds} rounds every ${interval} s`);
    report = await measureRetained({ collector: definition, options: entry.options, interval, live: true, perRound: () => undefined }, { rounds, warmup: 10, onRound });
  }
  printReport(report, io);
  return EXIT.ok;
}
