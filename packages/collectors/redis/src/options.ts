import { option } from '@spinel/sdk';

// Diamond's RedisCollector options; its `timeout` is `socket_timeout` here, because every
// collector entry already takes `timeout` (the run's deadline).
export const options = {
  host: option.string('localhost', 'Server to read, or `unix:/path/to.sock` for a unix socket (used when `instances` is empty).'),
  port: option.number(6379, 'Port of `host`; also the metric path segment when `instances` is empty.', { min: 1, max: 65535, integer: true }),
  auth: option.optionalString('Password of `host` (Redis AUTH).', { secret: true }),
  instances: option.stringList(
    [],
    "Servers as Diamond writes them: `nick@host:port/password`, `nick@:port`, `nick@unix:/path.sock:/password`; the nick is the metric path segment (default: the port, or the socket's file name).",
    { secret: true },
  ),
  databases: option.number(16, 'Databases (db0, db1, ...) whose keys, expires and avg_ttl are published.', { min: 0, integer: true }),
  socket_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
};
