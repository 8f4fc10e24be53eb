import { option } from '@spinel/sdk';

// Diamond's PostgresqlCollector options (its `password_provider: pgpass` is node-postgres's
// PGPASSFILE behaviour when `password` is empty); `databases` narrows which databases publish.
export const options = {
  host: option.string('localhost', 'Server host name or address, or a unix socket folder (e.g. /var/run/postgresql).'),
  port: option.number(5432, 'Server port.', { min: 1, max: 65535, integer: true }),
  user: option.string('postgres', 'User to connect as.'),
  password: option.optionalString('Password; empty uses ~/.pgpass or trust authentication.', { secret: true }),
  dbname: option.string('postgres', 'Database to connect to (the statistics views cover every database).'),
  sslmode: option.enum(['disable', 'prefer', 'require', 'verify-ca', 'verify-full'], 'disable', "libpq's sslmode: disable, prefer (plain if the server has no TLS), require (TLS, no certificate check), verify-ca or verify-full."),
  extended: option.boolean(false, 'Also publish connections by state, locks by mode, the background writer and replication lag.'),
  databases: option.regexList([], 'Databases to publish (regular expressions); empty: all but template0, template1, postgres and rdsadmin, as Diamond.'),
  underscore: option.boolean(false, "Diamond's `underscore`: `_` in database names becomes `.` in paths."),
  query_timeout: option.number(5, 'Seconds to wait for a connection or a query.', { min: 0.1 }),
};
