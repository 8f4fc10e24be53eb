import { KEYS_V3, KEYS_V4 } from './keys.js';

/** A `varnishstat -1` line: name, value, rate per second, description (Diamond's _RE). */
const LINE = /^([\w.,]*)\s+(\d*)\s+([\d.]*)\s+(.*)$/;

/**
 * The counters of `varnishstat -1` Diamond published, with their values. Varnish 4 and later name
 * them by section (`MAIN.cache_hit`): Diamond told the two apart by the first line starting with
 * `MAIN.`, which since Varnish 4.1 is `MGT.uptime`, so it published nothing there; here any
 * `MAIN.` line says so.
 */
export function varnishCounters(output: string): Array<[name: string, value: number]> {
  const rows: Array<[string, string]> = [];
  for (const line of output.split('\n')) {
    const match = LINE.exec(line);
    if (match?.[1] && match[2]) rows.push([match[1], match[2]]);
  }
  const keys = rows.some(([name]) => name.startsWith('MAIN.')) ? KEYS_V4 : KEYS_V3;
  const counters = new Map<string, number>();
  for (const [name, value] of rows) if (keys.has(name)) counters.set(name, Number(value));
  return [...counters];
}
