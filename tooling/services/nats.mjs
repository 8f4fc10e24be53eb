// A real nats-server (Debian's nats-server, JetStream on) on 127.0.0.1 and a free port, with its
// JetStream store in a temp folder. The server the machine may already run on 4222 is left alone.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './carbon.mjs';

export const NATS_SERVER = '/usr/sbin/nats-server';
export const haveNatsServer = existsSync(NATS_SERVER);

function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

export async function startNatsServer({ user, password } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-nats-'));
  const port = await freePort();
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir];
  if (user) args.push('--user', user, '--pass', password);
  let child;
  const server = {
    url: `nats://127.0.0.1:${port}`,
    port,
    dir,
    async start() {
      child = spawn(NATS_SERVER, args, { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        if (await listening(port)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('nats-server did not start listening');
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      await new Promise((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
  };
  await server.start();
  return server;
}
