// A real nats-server (Debian's nats-server, JetStream on) on 127.0.0.1 and a free port, with its
// JetStream store in a temp folder. The server the machine may already run on 4222 is left alone.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export const NATS_SERVER = '/usr/sbin/nats-server';
export const haveNatsServer = existsSync(NATS_SERVER);


export async function startNatsServer({ user, password } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-nats-'));
  const port = await freePort();
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir];
  if (user) args.push('--user', user, '--pass', password);
  const lifecycle = serverProcess('nats-server', NATS_SERVER, args, { ready: () => listening(port), pollMs: 50 });
  const server = { url: `nats://127.0.0.1:${port}`, port, dir, start: lifecycle.start, stop: lifecycle.stop };
  await server.start();
  return server;
}
