import { option, type ParseResult } from '@spinel/sdk';

/** One of several servers; a key it leaves out takes the value of the option of the same name. */
export interface Instance {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  dbname?: string;
  sslmode?: SslMode;
}

const SSLMODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
type SslMode = (typeof SSLMODES)[number];
const INSTANCE_KEYS = 'host, port, user, password, dbname, sslmode';

function parseInstance(raw: unknown): ParseResult<Instance> {
  const expected = `a mapping with some of ${INSTANCE_KEYS}`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, expected };
  const out: Instance = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'port') {
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535) return { ok: false, expected: 'port: an integer from 1 to 65535' };
      out.port = value as number;
    } else if (key === 'sslmode') {
      if (!(SSLMODES as readonly unknown[]).includes(value)) return { ok: false, expected: `sslmode: one of ${SSLMODES.join(', ')}` };
      out.sslmode = value as SslMode;
    } else if (key === 'host' || key === 'user' || key === 'password' || key === 'dbname') {
      if (typeof value !== 'string') return { ok: false, expected: `${key}: a string` };
      out[key] = value;
    } else {
      return { ok: false, expected: `only ${INSTANCE_KEYS} (not ${key})` };
    }
  }
  return { ok: true, value: out };
}

// Diamond's PostgresqlCollector options (its `password_provider: pgpass` is node-postgres's
// PGPASSFILE behaviour when `password` is empty); `databases` narrows which databases publish.
export const options = {
  host: option.string('localhost', 'Server host name or address, or a unix socket folder (e.g. /var/run/postgresql).'),
  port: option.number(5432, 'Server port.', { min: 1, max: 65535, integer: true }),
  user: option.string('postgres', 'User to connect as.'),
  password: option.optionalString('Password; empty uses ~/.pgpass or trust authentication.', { secret: true }),
  dbname: option.string('postgres', 'Database to connect to (the statistics views cover every database).'),
  sslmode: option.enum(
    SSLMODES,
    'disable',
    "libpq's sslmode: disable, prefer (plain if the server has no TLS), require (TLS, no certificate check), verify-ca or verify-full.",
  ),
  rates: option.boolean(
    false,
    "Also publish each running total's change per second under `<name>_per_second` (Diamond published the totals alone; a graph takes nonNegativeDerivative of them).",
  ),
  extended: option.boolean(false, 'Also publish connections by state, locks by mode, the background writer and replication lag.'),
  databases: option.regexList([], 'Databases to publish (regular expressions); empty: all but template0, template1, postgres and rdsadmin, as Diamond.'),
  underscore: option.boolean(false, "Diamond's `underscore`: `_` in database names becomes `.` in paths."),
  instances: option.mapping<Instance>(
    {},
    `Several servers by name, each with some of ${INSTANCE_KEYS} (the options above fill in the rest); each publishes under its name (\`postgres.<name>.database.<db>.size\`). Empty: the one server above, at the collector's path.`,
    `mapping of name to {${INSTANCE_KEYS}}`,
    parseInstance,
  ),
  query_timeout: option.number(5, 'Seconds to wait for a connection or a query.', { min: 0.1 }),
};
