// A real memcached (Debian's memcached) of a test's own on 127.0.0.1 and a free port, plus a
// unix socket in a temp folder when asked (memcached listens on one or the other).
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export const MEMCACHED = '/usr/bin/memcached';
export const haveMemcached = existsSync(MEMCACHED);

export async function startMemcached({ maxConnections = 64, socket = false } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-memcached-'));
  const port = await freePort();
  const socketPath = path.join(dir, 'memcached.sock');
  const user = process.getuid?.() === 0 ? ['-u', 'root'] : [];
  const listen = socket ? ['-s', socketPath] : ['-l', '127.0.0.1', '-p', String(port)];
  const ready = socket ? async () => existsSync(socketPath) : () => listening(port);
  const lifecycle = serverProcess('memcached', MEMCACHED, [...user, ...listen, '-U', '0', '-m', '16', '-c', String(maxConnections)], { ready, pollMs: 50 });
  const server = { port, socket: socketPath, dir, start: lifecycle.start, stop: lifecycle.stop };
  await server.start();
  return server;
}
