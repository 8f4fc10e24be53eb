import { option } from '@spinel/sdk';
import { hostsOption } from './hosts.js';

// Diamond's MySQLCollector options. Diamond read only `hosts` unless `host` was set; here the
// single-server options have defaults (root on localhost:3306, as a fresh MariaDB or MySQL
// install has) and serve when `hosts` is empty, so the collector works with no options.
export const options = {
  hosts: hostsOption(
    'Servers as Diamond writes them, `user:password@host:port/db[/nickname]` (db `None`: no database); the nickname is a path segment before each name. Empty: the single server below.',
  ),
  host: option.string('localhost', 'Server host name or address (used when `hosts` is empty).'),
  port: option.number(3306, 'Server port.', { min: 1, max: 65535, integer: true }),
  user: option.string('root', 'User to connect as.'),
  passwd: option.optionalString("Password (Diamond's `passwd`).", { secret: true }),
  db: option.optionalString('Database to connect to; unset connects to none (the statistics are server-wide).'),
  socket: option.optionalString('Unix socket to connect through instead of host and port (e.g. /run/mysqld/mysqld.sock).'),
  publish: option.stringList([], "Rows of SHOW GLOBAL STATUS to publish (Diamond's space-separated list; commas work too). Empty: all."),
  variables: option.stringList(
    ['max_connections', 'table_open_cache', 'thread_cache_size', 'open_files_limit', 'innodb_buffer_pool_size', 'key_buffer_size', 'max_allowed_packet'],
    'SHOW GLOBAL VARIABLES rows to publish as gauges under `variables.` (limits to compare the status with). Empty: none.',
  ),
  master: option.boolean(false, 'Also publish SHOW MASTER STATUS (the binary log position, as a rate).'),
  slave: option.boolean(false, 'Also publish SHOW SLAVE STATUS (Seconds_Behind_Master, log positions).'),
  innodb: option.boolean(false, 'Also parse SHOW ENGINE INNODB STATUS (needs the PROCESS privilege).'),
  query_timeout: option.number(5, 'Seconds to wait for a connection or a query.', { min: 0.1 }),
};
