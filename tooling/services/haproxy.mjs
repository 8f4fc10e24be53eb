// An HAProxy of a test's own (Debian's haproxy, no service) on 127.0.0.1: a frontend on a free port
// with a backend of a web server the test names and a backup that is down, its stats page
// as CSV at /haproxy?stats;csv on another free port behind Basic auth, and its stats socket.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export const HAPROXY = '/usr/sbin/haproxy';
export const haveHaproxy = existsSync(HAPROXY);

/** `backend`: the `host:port` of a web server the frontend forwards to. */
export async function startHaproxy({ backend, user = 'admin', password = 'secret' }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-haproxy-'));
  const [port, statsPort] = [await freePort(), await freePort()];
  const socket = path.join(dir, 'haproxy.sock');
  const conf = path.join(dir, 'haproxy.cfg');
  writeFileSync(
    conf,
    `global
  stats socket ${socket} mode 600 level user
  pidfile ${dir}/haproxy.pid
defaults
  mode http
  timeout connect 2s
  timeout client 10s
  timeout server 10s
frontend web
  bind 127.0.0.1:${port}
  default_backend app
backend app
  server web1 ${backend} check inter 1s
  server web2 127.0.0.1:9 check inter 1s backup
listen stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /haproxy
  stats auth ${user}:${password}
`,
  );
  const lifecycle = serverProcess('haproxy', HAPROXY, ['-db', '-f', conf], { ready: () => listening(statsPort), pollMs: 50 });
  const server = {
    dir,
    port,
    statsPort,
    socket,
    url: `http://127.0.0.1:${port}`,
    statsUrl: `http://127.0.0.1:${statsPort}/haproxy?stats;csv`,
    user,
    password,
    start: lifecycle.start,
    stop: lifecycle.stop,
  };
  await server.start();
  return server;
}
