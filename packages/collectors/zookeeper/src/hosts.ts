/** One ZooKeeper as `hosts` names it: the alias (Diamond publishes under it when given), and where to ask. */
export interface ZookeeperHost {
  alias: string | undefined;
  host: string;
  /** Undefined: `host` is a unix socket path, as Diamond took a host without a port. */
  port: number | undefined;
}

const HOST = /^(?:(.+)@)?([^:]+)(?::(\d+))?$/;

/** Diamond's `hosts` syntax: `host:port`, `alias@host:port`, a unix socket path, or `alias@/path.sock`. */
export function parseZookeeperHost(entry: string): ZookeeperHost | undefined {
  const match = HOST.exec(entry.trim());
  if (!match) return undefined;
  const [, alias, host = '', port] = match;
  return { alias, host, port: port === undefined ? undefined : Number(port) };
}
