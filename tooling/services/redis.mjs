// A real Redis server (Debian's redis-server) of a test's own, on 127.0.0.1 and a free port,
// keeping nothing on disk; with `password`, clients must AUTH. The machine's own Redis on 6379
// is left alone.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export const REDIS_SERVER = '/usr/bin/redis-server';
export const haveRedisServer = existsSync(REDIS_SERVER);

export async function startRedis({ password, port } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-redis-'));
  const chosen = port ?? (await freePort());
  const args = [
    '--port',
    String(chosen),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--unixsocket',
    path.join(dir, 'redis.sock'),
    '--unixsocketperm',
    '700',
  ];
  if (password) args.push('--requirepass', password);
  const lifecycle = serverProcess('redis-server', REDIS_SERVER, args, { ready: () => listening(chosen), pollMs: 50 });
  const server = { port: chosen, socket: path.join(dir, 'redis.sock'), dir, start: lifecycle.start, stop: lifecycle.stop };
  await server.start();
  return server;
}
