// A PowerDNS authoritative server of a test's own (Debian's pdns-server with pdns-backend-bind, no
// zones) on 127.0.0.1 and a free port, its control socket in a folder of its own: what
// `pdns_control --socket-dir=<dir> list` reads.
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export const PDNS_SERVER = '/usr/sbin/pdns_server';
export const PDNS_CONTROL = '/usr/bin/pdns_control';
export const havePdns = existsSync(PDNS_SERVER) && existsSync(PDNS_CONTROL) && existsSync('/usr/lib/x86_64-linux-gnu/pdns/libbindbackend.so');

export async function startPdns() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-pdns-'));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'pdns.conf'), '');
  writeFileSync(path.join(dir, 'named.conf'), '');
  const port = await freePort();
  const args = [
    `--config-dir=${dir}`,
    `--socket-dir=${dir}`,
    '--local-address=127.0.0.1',
    `--local-port=${port}`,
    '--launch=bind',
    `--bind-config=${dir}/named.conf`,
    '--daemon=no',
    '--guardian=no',
    '--disable-syslog',
    '--write-pid=no',
    '--loglevel=3',
    ...(process.getuid?.() === 0 ? ['--setuid=nobody', '--setgid=nogroup'] : []),
  ];
  // pdns listens on TCP and UDP at the port; TCP answering means it is up.
  const lifecycle = serverProcess('pdns', PDNS_SERVER, args, {
    ready: async () => (await listening(port)) && existsSync(path.join(dir, 'pdns.controlsocket')),
    pollMs: 50,
  });
  const server = { port, dir, start: lifecycle.start, stop: lifecycle.stop };
  await server.start();
  return server;
}
