import { option, type ParseResult } from '@spinel/sdk';

/** One device, as the fork's `[devices]` `[[name]]` subsection holds it. */
export interface DeviceRules {
  host: string;
  port: number;
  community: string;
  /** OID (`1.3.6.1.4.1.2021.10.1.3.1`, or `….*` to walk under it) to the name it is published as. */
  oids: Record<string, string>;
}

const OID = /^\d+(\.\d+)+(\.\*)?$/;
const KEYS = new Set(['host', 'port', 'community', 'oids']);

/** Reads one device: `host`, `port` (161), `community` (public) and `oids`; numbers as text from ConfigObj are fine. */
export function parseDevice(raw: unknown, needOids = true): ParseResult<DeviceRules> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, expected: 'a mapping with host, port, community and oids' };
  const entry = raw as Record<string, unknown>;
  const unknown = Object.keys(entry).find((key) => !KEYS.has(key));
  if (unknown !== undefined) return { ok: false, expected: `host, port, community or oids, found key ${unknown}` };
  if (typeof entry.host !== 'string' || entry.host === '') return { ok: false, expected: 'host as a name or address' };
  const port = typeof entry.port === 'string' && /^\d+$/.test(entry.port) ? Number(entry.port) : (entry.port ?? 161);
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    return { ok: false, expected: `port from 1 to 65535, found ${JSON.stringify(entry.port)}` };
  const community = entry.community ?? 'public';
  if (typeof community !== 'string') return { ok: false, expected: 'community as a string' };
  const oids = entry.oids ?? {};
  if (typeof oids !== 'object' || oids === null || Array.isArray(oids)) return { ok: false, expected: 'oids as a mapping of OID to name' };
  for (const [oid, name] of Object.entries(oids)) {
    if (!OID.test(oid)) return { ok: false, expected: `oids: numeric OIDs (1.3.6.1.…, or ending in .* to walk), found ${JSON.stringify(oid)}` };
    if (typeof name !== 'string' || name === '') return { ok: false, expected: `oids: a name for ${oid}` };
  }
  if (needOids && Object.keys(oids).length === 0) return { ok: false, expected: 'oids with at least one OID' };
  return { ok: true, value: { host: entry.host, port, community, oids: oids as Record<string, string> } };
}

// The Metricly fork's SNMPCollector options, with the bound on a walk it lacked.
export const options = {
  devices: option.mapping<DeviceRules>(
    {},
    "Devices by name (the fork's `[devices]` subsections): each `host`, `port` (161), `community` (public) and `oids`, OID to the name it is published under; an OID ending in `.*` is walked and each value under it published as the name plus the rest of its OID.",
    'mapping of devices',
    (raw) => parseDevice(raw),
  ),
  request_timeout: option.number(
    5,
    "Seconds to wait for each answer (Diamond's `timeout`, which `spinel config import` renames: `timeout` is every collector's run deadline).",
    { min: 0.1 },
  ),
  retries: option.number(3, 'Requests sent again before a device is given up for the run.', { min: 0, integer: true }),
  max_values: option.number(10_000, 'Most values one walk may return; a larger table fails that device for the run.', { min: 1, integer: true }),
};
