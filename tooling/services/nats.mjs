// A real nats-server (Debian's nats-server, JetStream on) on 127.0.0.1 and a free port, with its
// JetStream store in a temp folder. The server the machine may already run on 4222 is left alone.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export const NATS_SERVER = '/usr/sbin/nats-server';
export const haveNatsServer = existsSync(NATS_SERVER);

/** `monitor`: also serve the HTTP monitoring endpoints (/varz, /connz, /jsz) on a port of their own. */
export async function startNatsServer({ user, password, monitor = false, jetstream = true } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-nats-'));
  const port = await freePort();
  const monitorPort = monitor ? await freePort() : undefined;
  const args = ['-a', '127.0.0.1', '-p', String(port), ...(jetstream ? ['-js', '-sd', dir] : [])];
  if (user) args.push('--user', user, '--pass', password);
  if (monitorPort) args.push('-m', String(monitorPort));
  const ready = async () => (await listening(port)) && (!monitorPort || (await listening(monitorPort)));
  const lifecycle = serverProcess('nats-server', NATS_SERVER, args, { ready, pollMs: 50 });
  const server = {
    url: `nats://127.0.0.1:${port}`,
    port,
    monitorUrl: monitorPort ? `http://127.0.0.1:${monitorPort}` : undefined,
    dir,
    start: lifecycle.start,
    stop: lifecycle.stop,
  };
  await server.start();
  return server;
}
