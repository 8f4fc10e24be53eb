// A DNS server of a test's own (Debian's dnsmasq, from dnsmasq-base) on 127.0.0.1 and a free port:
// it answers the names it is given from `records` and NXDOMAIN for any other name under
// `spinel.test`, reads no system file and forwards nothing.
import { existsSync } from 'node:fs';
import { freePort, listening, serverProcess } from './process.mjs';

export const DNSMASQ = '/usr/sbin/dnsmasq';
export const haveDnsmasq = existsSync(DNSMASQ);

export async function startDnsmasq(records) {
  const port = await freePort();
  const args = [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--no-poll',
    '--pid-file',
    '--log-facility=-',
    '--local=/spinel.test/',
    ...Object.entries(records).map(([name, address]) => `--address=/${name}/${address}`),
    ...(process.getuid?.() === 0 ? ['--user=nobody', '--group=nogroup'] : []),
  ];
  // dnsmasq answers on TCP as on UDP at its port: TCP accepting means it is up.
  const lifecycle = serverProcess('dnsmasq', DNSMASQ, args, { ready: () => listening(port), pollMs: 50 });
  const server = { port, address: `127.0.0.1:${port}`, start: lifecycle.start, stop: lifecycle.stop };
  await server.start();
  return server;
}
