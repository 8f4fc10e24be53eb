import path from 'node:path';
import type { SocketTarget } from '@spinel/plugin-kit';

/** One server as `hosts` names it: the alias is the metric path segment. */
export interface MemcachedHost {
  alias: string;
  target: SocketTarget;
}

const HOST = /^(?:(.+)@)?([^:]+)(?::(\d+))?$/;

/**
 * Reads Diamond's `hosts` syntax: `host:port`, `alias@host:port`, a unix socket path, or
 * `alias@/path.sock`. Without an alias a server is named by its host, as in Diamond, or by a socket's file name
 * without extension (Diamond used the whole path, slashes and all, which no backend accepts).
 */
export function parseHost(entry: string): MemcachedHost | undefined {
  const match = HOST.exec(entry.trim());
  if (!match) return undefined;
  const [, alias, host = '', port] = match;
  const target: SocketTarget = port === undefined && host.startsWith('/') ? { host: 'localhost', port: 0, socket: host } : { host, port: Number(port ?? 11211), socket: undefined };
  return { alias: alias ?? (target.socket ? path.basename(target.socket, path.extname(target.socket)) : host), target };
}
