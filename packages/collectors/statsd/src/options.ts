import { option, type OptionIssue } from '@spinel/sdk';
import { reachesItself, splitHostPort } from './listener.js';

export const options = {
  listen: option.string('127.0.0.1', 'Address to listen on; 0.0.0.0 takes metrics from the network.'),
  port: option.number(8125, 'Port to listen on (UDP and/or TCP).', { min: 0, max: 65535, integer: true }),
  protocols: option.enumList(['udp', 'tcp'], ['udp'], 'udp, tcp or both.'),
  percentiles: option.stringList(['90'], 'Percentiles published for timers, as `p<N>` (`p90`, `p99_9` for 99.9).'),
  max_series: option.number(
    10000,
    'Most series (key, type and tags) kept; lines for new series past it go to the `_overflow` series (counted), and kept series stay until series_ttl.',
    { min: 1, integer: true },
  ),
  series_ttl: option.number(300, 'Seconds without a line after which a series (a gauge included) is dropped.', { min: 1 }),
  max_timer_samples: option.number(
    10000,
    'Values kept per timer (and members per set) and interval for percentiles; past it a uniform sample is kept (counts and sums stay exact).',
    { min: 1, integer: true },
  ),
  max_connections: option.number(256, 'Most TCP clients connected at once; a connection past it is closed at once and counted in `_listener.refused`.', {
    min: 1,
    integer: true,
  }),
  idle_timeout: option.number(300, 'Seconds a TCP client may send nothing before it is closed (counted in `_listener.idle_closed`).', { min: 1 }),
  forward: option.optionalString('`host:port` of another StatsD (UDP) to relay everything received to, unchanged.'),
};

export function validate(o: { percentiles: readonly string[]; forward: string | undefined; listen: string; port: number }): OptionIssue[] {
  const issues: OptionIssue[] = [];
  const bad = o.percentiles.find((p) => !(Number(p) > 0 && Number(p) <= 100));
  if (bad !== undefined) issues.push({ key: 'percentiles', expected: 'numbers above 0 and at most 100', found: JSON.stringify(bad) });
  if (o.forward !== undefined) {
    const [host, port] = splitHostPort(o.forward);
    if (host === '' || !(Number(port) >= 1 && Number(port) <= 65535))
      issues.push({ key: 'forward', expected: '`host:port`', found: JSON.stringify(o.forward) });
    else if (reachesItself(o.forward, o.listen, o.port))
      issues.push({
        key: 'forward',
        expected: 'another StatsD than this listener (it would receive every line it sends, forever)',
        found: JSON.stringify(o.forward),
      });
  }
  return issues;
}
