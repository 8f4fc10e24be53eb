import { option } from '@spinel/sdk';

export const options = {
  hosts: option.stringList(
    ['localhost:11211'],
    'Servers as Diamond writes them: `host:port`, `alias@host:port`, or a unix socket path (`/run/memcached.sock`, `alias@/run/memcached.sock`); the alias (default: the host) is the metric path segment.',
  ),
  publish: option.stringList([], "Which `stats` rows to publish (Diamond's `publish`); empty publishes all."),
  socket_timeout: option.number(3, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
};
