import path from 'node:path';
import { parseDiamondHost, type SocketTarget } from '@spinel/plugin-kit';

/** One server as `hosts` names it: the alias is the metric path segment. */
export interface MemcachedHost {
  alias: string;
  target: SocketTarget;
}

/**
 * Reads Diamond's `hosts` syntax: `host:port`, `alias@host:port`, a unix socket path, or
 * `alias@/path.sock`. Without an alias a server is named by its host, as in Diamond, or by a socket's file name
 * without extension (Diamond used the whole path, slashes and all, which no backend accepts).
 */
export function parseHost(entry: string): MemcachedHost | undefined {
  const parsed = parseDiamondHost(entry);
  if (!parsed) return undefined;
  const { alias, host, port } = parsed;
  const target: SocketTarget =
    port === undefined && host.startsWith('/') ? { host: 'localhost', port: 0, socket: host } : { host, port: port ?? 11211, socket: undefined };
  return { alias: alias ?? (target.socket ? path.basename(target.socket, path.extname(target.socket)) : host), target };
}
