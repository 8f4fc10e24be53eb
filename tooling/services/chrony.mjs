// Two chronyds of a test's own (Debian's chrony), neither touching the clock (`-x`): a server
// (`local stratum 8`) on a free UDP port, and a client of it whose command port answers chronyc
// on another, so `chronyc -h 127.0.0.1 -p <cmdPort> sourcestats` lists one source with samples.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeUdpPort, serverProcess } from './process.mjs';

export const CHRONYD = '/usr/sbin/chronyd';
export const CHRONYC = '/usr/bin/chronyc';
export const haveChrony = existsSync(CHRONYD) && existsSync(CHRONYC);

/** True once the client's sourcestats lists its source with at least `samples` samples. */
function sampled(cmdPort, samples) {
  try {
    const out = execFileSync(CHRONYC, ['-h', '127.0.0.1', '-p', String(cmdPort), 'sourcestats'], { encoding: 'utf8', timeout: 2000 });
    const row = out.split('\n').find((line) => /^\S+\s+\d+\s+\d+/.test(line));
    return row !== undefined && Number(row.trim().split(/\s+/)[1]) >= samples;
  } catch {
    return false;
  }
}

export async function startChrony({ samples = 3 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-chrony-'));
  const [ntpPort, serverCmd, cmdPort] = [await freeUdpPort(), await freeUdpPort(), await freeUdpPort()];
  const conf = (name, lines) => {
    const file = path.join(dir, `${name}.conf`);
    writeFileSync(file, [...lines, `pidfile ${dir}/${name}.pid`, `driftfile ${dir}/${name}.drift`, 'bindcmdaddress 127.0.0.1', ''].join('\n'));
    return file;
  };
  const root = process.getuid?.() === 0 ? ['-u', 'root'] : [];
  const server = serverProcess(
    'chronyd (server)',
    CHRONYD,
    ['-x', '-d', ...root, '-f', conf('server', ['local stratum 8', 'allow 127.0.0.1', 'bindaddress 127.0.0.1', `port ${ntpPort}`, `cmdport ${serverCmd}`])],
    { ready: async () => true },
  );
  const client = serverProcess(
    'chronyd (client)',
    CHRONYD,
    ['-x', '-d', ...root, '-f', conf('client', [`server 127.0.0.1 port ${ntpPort} iburst minpoll 0 maxpoll 0`, 'port 0', `cmdport ${cmdPort}`])],
    { ready: async () => sampled(cmdPort, samples), attempts: 200, pollMs: 100 },
  );
  await server.start();
  await client.start();
  return { dir, cmdPort, args: ['-h', '127.0.0.1', '-p', String(cmdPort)], stop: async () => Promise.all([client.stop(), server.stop()]) };
}
