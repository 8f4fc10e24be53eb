import { option, type ParseResult } from '@spinel/sdk';

/** One watched port, as the fork's `[[name]]` subsection of `[port]` holds it. */
export interface PortRule {
  number: number;
  protocol: 'tcp' | 'udp';
}

/** Reads one port's rule: `number` (1-65535, a string as ConfigObj gives it is fine) and `protocol` (tcp by default). */
export function parsePortRule(raw: unknown): ParseResult<PortRule> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, expected: 'a mapping with number and protocol' };
  const entry = raw as Record<string, unknown>;
  const unknown = Object.keys(entry).find((key) => key !== 'number' && key !== 'protocol');
  if (unknown !== undefined) return { ok: false, expected: `number or protocol, found key ${unknown}` };
  const number = typeof entry.number === 'string' && /^\s*\d+\s*$/.test(entry.number) ? Number(entry.number) : entry.number;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 65_535)
    return { ok: false, expected: `number as a port from 1 to 65535, found ${JSON.stringify(entry.number ?? null)}` };
  const protocol = entry.protocol ?? 'tcp';
  if (protocol !== 'tcp' && protocol !== 'udp') return { ok: false, expected: `protocol as tcp or udp, found ${JSON.stringify(protocol)}` };
  return { ok: true, value: { number, protocol } };
}

export const options = {
  ttl: option.number(150, 'Seconds Metricly waits for the next check-in of a port before it raises an alarm.', { min: 1, integer: true }),
  port: option.mapping<PortRule>(
    {},
    "Ports to watch by name (the fork's `[port]` subsections): each with `number` and `protocol` (`tcp`, the default, or `udp`). A run checks in `<name>.<number>` for each TCP port in LISTEN state and each UDP port bound, over IPv4 and IPv6.",
    'mapping of ports',
    parsePortRule,
  ),
};
