import path from 'node:path';
import type { RedisTarget } from './resp.js';

const DEFAULT_HOST = 'localhost';
const DEFAULT_PORT = 6379;
const SOCKET_PREFIX = 'unix:';

/** The servers one collector entry reads, by nick (the metric path segment). */
export type Instances = Map<string, RedisTarget>;

/**
 * Reads Diamond's `instances` syntax: `[nick@]host[:port][/password]`, `[nick@]:port`, and
 * `[nick@]unix:/path/to.sock[:[port]/password]`. Without a nick an instance is named by its
 * port, or by a socket's file name without extension; later entries with the same nick win, as
 * in Diamond. With no `instances`, `host`, `port` and `auth` describe the one server.
 */
export function parseInstances(options: { host: string; port: number; auth: string | undefined; instances: readonly string[] }): Instances {
  const list = options.instances.length > 0 ? options.instances : [`${options.host}:${options.port}${options.auth === undefined ? '' : `/${options.auth}`}`];
  const out: Instances = new Map();
  for (const entry of list) {
    const at = entry.indexOf('@');
    const nick = at >= 0 ? entry.slice(0, at) : undefined;
    const [name, target] = parseAddress(entry.slice(at + 1));
    const key = nick ?? name;
    out.set(key, { ...target, clientName: `spinel-${key.replace(/[^\w.-]/g, '_')}` });
  }
  return out;
}

function parseAddress(address: string): [string, Omit<RedisTarget, 'clientName'>] {
  if (address.startsWith(SOCKET_PREFIX)) {
    const rest = address.slice(SOCKET_PREFIX.length);
    const colon = rest.indexOf(':');
    const socket = colon >= 0 ? rest.slice(0, colon) : rest;
    const portAuth = colon >= 0 ? rest.slice(colon + 1) : '';
    const slash = portAuth.indexOf('/');
    const auth = slash >= 0 && slash < portAuth.length - 1 ? portAuth.slice(slash + 1) : undefined;
    return [path.basename(socket, path.extname(socket)), { host: DEFAULT_HOST, port: DEFAULT_PORT, socket, auth }];
  }
  const slash = address.indexOf('/');
  const hostPort = slash >= 0 ? address.slice(0, slash) : address;
  const auth = slash >= 0 ? address.slice(slash + 1) : undefined;
  const colon = hostPort.indexOf(':');
  const host = colon < 0 ? hostPort : colon === 0 ? DEFAULT_HOST : hostPort.slice(0, colon);
  const port = colon < 0 ? DEFAULT_PORT : Number(hostPort.slice(colon + 1).split(':')[0]);
  return [String(port), { host, port, socket: undefined, auth }];
}
