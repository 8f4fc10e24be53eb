/** A server as Diamond's `hosts` entries name one: an alias when given, a host, and a port or none (then the host is a unix socket path). */
export interface DiamondHost {
  alias: string | undefined;
  host: string;
  port: number | undefined;
}

const HOST = /^(?:(.+)@)?([^:]+)(?::(\d+))?$/;

/** Diamond's `hosts` syntax (memcached, zookeeper): `host:port`, `alias@host:port`, a socket path, or `alias@/path.sock`. */
export function parseDiamondHost(entry: string): DiamondHost | undefined {
  const match = HOST.exec(entry.trim());
  if (!match) return undefined;
  const [, alias, host = '', port] = match;
  return { alias, host, port: port === undefined ? undefined : Number(port) };
}
