import { option, type ParseResult } from '@spinel/sdk';

/** One HAProxy as Diamond's `servers` sections name one: each key, when given, over the collector's own. */
export interface ServerSection {
  method?: 'http' | 'unix';
  url?: string;
  user?: string;
  pass?: string;
  sock?: string;
  ignore_servers?: boolean;
}

const text = option.string('', '');
const flag = option.boolean(false, '');

function parseSection(raw: unknown): ParseResult<ServerSection> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, expected: 'a mapping of method, url, user, pass, sock and ignore_servers' };
  const out: ServerSection = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'ignore_servers') {
      const parsed = flag.parse(value);
      if (!parsed.ok) return { ok: false, expected: `ignore_servers as ${parsed.expected}` };
      out.ignore_servers = parsed.value;
    } else if (key === 'method') {
      if (value !== 'http' && value !== 'unix') return { ok: false, expected: `method as http or unix, found ${JSON.stringify(value)}` };
      out.method = value;
    } else if (key === 'url' || key === 'user' || key === 'pass' || key === 'sock') {
      const parsed = text.parse(value);
      if (!parsed.ok) return { ok: false, expected: `${key} as ${parsed.expected}` };
      out[key] = parsed.value;
    } else return { ok: false, expected: `only method, url, user, pass, sock and ignore_servers, found key ${key}` };
  }
  return { ok: true, value: out };
}

export const options = {
  method: option.enum(['http', 'unix'], 'http', 'Read the stats CSV from the stats page (`http`) or the stats socket (`unix`).'),
  url: option.string('http://localhost/haproxy?stats;csv', 'The stats page as CSV (`stats uri` with `;csv`).'),
  user: option.string('admin', 'User for the stats page, sent only when it asks (HTTP 401 with Basic), as Diamond did.'),
  pass: option.string('password', 'Password of `user`.', { secret: true }),
  sock: option.string('/var/run/haproxy.sock', 'The stats socket (`stats socket` in haproxy.cfg), for `method: unix`.'),
  ignore_servers: option.boolean(false, 'Publish frontends and backends only, not each server.'),
  servers: option.mapping<ServerSection>(
    {},
    "Several HAProxies (Diamond's `servers` sections): by name, each with any of the keys above; their figures go under the name.",
    'mapping of HAProxy sections',
    parseSection,
  ),
  request_timeout: option.number(5, 'Seconds to wait for the stats.', { min: 0.1 }),
  max_response_mb: option.number(8, 'Largest stats answer read, in MB (a thousand servers are about 1 MB).', { min: 0.001 }),
};
