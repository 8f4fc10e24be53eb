import { defineCollector } from '@spinel/sdk';
import { Aggregator } from './aggregate.js';
import { catalogue } from './catalogue.js';
import { parseLine } from './line.js';
import { StatsdListener } from './listener.js';
import { options, validate } from './options.js';

export interface StatsdResources {
  aggregator: Aggregator;
  listener: StatsdListener;
  /** The listener's counts at the last run, for per-interval differences. */
  published: { refused: number; idleClosed: number };
}

/** Feeds received text, line by line, to the aggregator; empty lines are not counted. */
function receive(aggregator: Aggregator, text: string): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let lineEnd = end;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--; // \r\n
    if (lineEnd > start) {
      const line = parseLine(text.slice(start, lineEnd));
      if (line) aggregator.add(line);
      else aggregator.malformed++;
    }
    start = end + 1;
  }
}

export default defineCollector({
  name: 'statsd',
  description: 'A StatsD listener (UDP/TCP, DogStatsD tags): counters, gauges, timers and sets aggregated per interval, the number of series bounded.',
  path: 'statsd',
  options,
  validate,
  catalogue,
  defaultWorker: 'own',
  async setup(ctx): Promise<StatsdResources> {
    const o = ctx.options;
    const aggregator = new Aggregator({
      maxSeries: o.max_series,
      seriesTtlMs: o.series_ttl * 1000,
      maxTimerSamples: o.max_timer_samples,
      percentiles: o.percentiles.map(Number),
    });
    const listener = new StatsdListener({
      host: o.listen,
      port: o.port,
      udp: o.protocols.includes('udp'),
      tcp: o.protocols.includes('tcp'),
      forward: o.forward,
      maxConnections: o.max_connections,
      idleTimeoutMs: o.idle_timeout * 1000,
      onText: (text) => receive(aggregator, text),
    });
    await listener.start();
    return { aggregator, listener, published: { refused: 0, idleClosed: 0 } };
  },
  teardown({ listener }) {
    listener.close();
  },
  collect(ctx, { aggregator, listener, published }) {
    for (const { name, value, rate, dimensions } of aggregator.flush(ctx.interval)) {
      ctx.publish(name, value, { type: rate ? 'rate' : 'gauge', precision: Number.isInteger(value) ? 0 : 3, dimensions });
    }
    if (ctx.options.protocols.includes('tcp')) {
      const { refused, idleClosed } = listener.counts;
      ctx.publish('_listener.connections', listener.connections, { type: 'gauge', precision: 0 });
      ctx.publish('_listener.refused', refused - published.refused, { type: 'gauge', precision: 0 });
      ctx.publish('_listener.idle_closed', idleClosed - published.idleClosed, { type: 'gauge', precision: 0 });
      published.refused = refused;
      published.idleClosed = idleClosed;
    }
  },
});
