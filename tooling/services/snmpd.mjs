// An SNMP agent of a test's own (Debian's snmpd) on 127.0.0.1 and a free UDP port, reading only the
// config written here (communities `public` and `secret`, read-only from 127.0.0.1) and keeping its
// persistent state in a temp folder. It serves the host's real MIB-II, IF-MIB and UCD tables.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeUdpPort, serverProcess } from './process.mjs';

export const SNMPD = '/usr/sbin/snmpd';
export const haveSnmpd = existsSync(SNMPD);

/** True once something has bound 127.0.0.1:port for UDP (/proc/net/udp). */
function boundUdp(port) {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/udp', 'utf8')
    .split('\n')
    .some((line) => line.trim().split(/\s+/)[1] === local);
}

export async function startSnmpd() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-snmpd-'));
  const port = await freeUdpPort();
  const conf = path.join(dir, 'snmpd.conf');
  writeFileSync(conf, `agentaddress udp:127.0.0.1:${port}\nrocommunity public 127.0.0.1\nrocommunity secret 127.0.0.1\nsysLocation spinel test\n`);
  const args = ['-f', '-C', '-c', conf, '-Ln', '-p', path.join(dir, 'snmpd.pid'), ...(process.getuid?.() === 0 ? ['-u', 'nobody', '-g', 'nogroup'] : [])];
  process.env.SNMP_PERSISTENT_DIR ??= dir;
  const lifecycle = serverProcess('snmpd', SNMPD, args, { ready: async () => boundUdp(port), pollMs: 50 });
  const server = { host: '127.0.0.1', port, start: lifecycle.start, stop: lifecycle.stop };
  await server.start();
  return server;
}
