// The start/stop plumbing every test service shares: spawn a server, wait until it is ready,
// stop it with SIGTERM and wait for the exit; start again with the same arguments (and data).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import net from 'node:net';

/** A TCP port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True once something accepts TCP connections on 127.0.0.1:port. */
export function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * A restartable server process. `ready()` is polled every `pollMs` until it resolves true, at
 * most `attempts` times; stderr is kept for the error message.
 */
/** A UDP port nothing is bound to on 127.0.0.1 right now. */
export function freeUdpPort() {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export function serverProcess(name, command, args, { ready, attempts = 150, pollMs = 100 }) {
  let child;
  let stderr = '';
  return {
    output: () => stderr,
    async start() {
      stderr = '';
      child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr.on('data', (d) => (stderr += d));
      for (let i = 0; i < attempts; i++) {
        if (await ready()) return;
        await new Promise((r) => setTimeout(r, pollMs));
      }
      throw new Error(`${name} did not become ready:\n${stderr}`);
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
}

/**
 * Established TCP connections of this process (or `pid`) to 127.0.0.1:port, counted once (the client side) from
 * /proc/net/tcp: how tests check that a collector keeps one connection to a server that keeps
 * no count of its own (an HTTP monitoring port).
 */
export function establishedConnections(port, pid = process.pid) {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  // Only this process's sockets: a test running beside it may talk to the same server.
  const own = new Set();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) own.add(inode);
    } catch {
      // closed while we looked
    }
  }
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[2]?.endsWith(`:${hex}`) && fields[3] === '01' && own.has(fields[9])).length;
}

/**
 * A server on 127.0.0.1 and a free port that accepts connections and never answers: what a hung
 * backend looks like to a client. `close()` drops the connections it holds.
 */
export async function startSilentServer() {
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
