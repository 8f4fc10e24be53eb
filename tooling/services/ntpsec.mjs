// Debian's ntpsec (ntpd and ntpq) for a test, though the machine has chrony: the two conflict in
// Debian (both are a time-daemon), so ntpsec's packages are fetched with `apt-get download` and
// unpacked with `dpkg -x` under ~/.cache/spinel, not installed. ntpd runs with `disable ntp` and
// `disable kernel` (it never steers the clock), listening on 127.0.0.1:123, and follows a chronyd
// (`-x`) serving time from a network namespace of the test's own through a veth pair, since ntpd
// refuses a second loopback address as a server.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serverProcess } from './process.mjs';
import { CHRONYD } from './chrony.mjs';

const CACHE = path.join(os.homedir(), '.cache', 'spinel', 'ntpsec');

function quiet(command, args) {
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000 });
}

/** Why ntpsec cannot run here, or undefined when it can. */
export function ntpsecUnavailable() {
  if (process.getuid?.() !== 0) return 'not root (a network namespace and port 123 need root)';
  for (const tool of ['/usr/bin/apt-get', '/usr/bin/dpkg', '/usr/sbin/ip', '/usr/bin/python3', CHRONYD]) if (!existsSync(tool)) return `${tool} is missing`;
  const bound = execFileSync('/usr/bin/ss', ['-Hlun', 'sport = :123'], { encoding: 'utf8' }).trim();
  if (bound) return `something listens on UDP port 123 already: ${bound.split('\n')[0]}`;
  return undefined;
}

/** ntpsec's files unpacked once (the packages fetched from the machine's Debian mirror), and an `ntpq` that finds its library. */
export function ntpsecRoot() {
  const root = path.join(CACHE, 'root');
  const ntpq = path.join(CACHE, 'ntpq');
  if (existsSync(ntpq)) return { ntpd: path.join(root, 'usr/sbin/ntpd'), ntpq };
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(path.join(CACHE, 'download-'));
  execFileSync('/usr/bin/apt-get', ['download', 'ntpsec', 'python3-ntp'], { cwd: work, stdio: 'ignore', timeout: 120_000 });
  for (const deb of readdirSync(work).filter((name) => name.endsWith('.deb'))) quiet('/usr/bin/dpkg', ['-x', path.join(work, deb), root]);
  const python = path.join(root, 'usr/lib/python3/dist-packages');
  // ntpq's python module looks for libntpc beside itself first; the package puts it under /usr/lib.
  copyFileSync(path.join(root, 'usr/lib/x86_64-linux-gnu/ntp/libntpc.so.1'), path.join(python, 'ntp', 'libntpc.so'));
  writeFileSync(
    ntpq,
    `#!/bin/sh\n# ntpsec's ntpq, unpacked, asking the test's ntpd on 127.0.0.1\nPYTHONPATH=${python} exec /usr/bin/python3 ${path.join(root, 'usr/bin/ntpq')} "$@" 127.0.0.1\n`,
  );
  chmodSync(ntpq, 0o755);
  return { ntpd: path.join(root, 'usr/sbin/ntpd'), ntpq };
}

/** True once ntpq lists a system peer (`*`) heard from since (`when` a number, not `-`). */
function synced(ntpq) {
  try {
    return /^\*\S+\s+\S+\s+\d+\s+\S+\s+\d+/m.test(execFileSync(ntpq, ['-np'], { encoding: 'utf8', timeout: 5000 }));
  } catch {
    return false;
  }
}

export async function startNtpsec() {
  const { ntpd, ntpq } = ntpsecRoot();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-ntpsec-'));
  const tag = String(process.pid % 100000);
  const netns = `spinel-ntp-${tag}`;
  const [outside, inside] = [`vn${tag}a`, `vn${tag}b`];
  const subnet = `10.253.${process.pid % 250}`;
  const ip = (...args) => quiet('/usr/sbin/ip', args);
  ip('netns', 'add', netns);
  ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', inside);
  ip('link', 'set', inside, 'netns', netns);
  ip('addr', 'add', `${subnet}.1/30`, 'dev', outside);
  ip('link', 'set', outside, 'up');
  ip('netns', 'exec', netns, 'ip', 'addr', 'add', `${subnet}.2/30`, 'dev', inside);
  ip('netns', 'exec', netns, 'ip', 'link', 'set', inside, 'up');
  const chronyConf = path.join(dir, 'chrony.conf');
  writeFileSync(
    chronyConf,
    `local stratum 8\nallow ${subnet}.0/30\nbindaddress ${subnet}.2\nport 123\ncmdport 0\npidfile ${dir}/chronyd.pid\ndriftfile ${dir}/chronyd.drift\n`,
  );
  const ntpConf = path.join(dir, 'ntp.conf');
  writeFileSync(
    ntpConf,
    [
      `server ${subnet}.2 iburst minpoll 3 maxpoll 3`,
      'disable ntp',
      'disable kernel',
      'interface ignore wildcard',
      'interface listen 127.0.0.1',
      `interface listen ${subnet}.1`,
      'restrict default kod limited nomodify',
      'restrict 127.0.0.1',
      `driftfile ${dir}/ntp.drift`,
      `statsdir ${dir}`,
      '',
    ].join('\n'),
  );
  const server = serverProcess('chronyd (in the namespace)', '/usr/sbin/ip', ['netns', 'exec', netns, CHRONYD, '-x', '-d', '-u', 'root', '-f', chronyConf], {
    ready: async () => true,
  });
  const client = serverProcess('ntpd (ntpsec)', ntpd, ['-n', '-c', ntpConf, '-p', path.join(dir, 'ntpd.pid'), '-l', path.join(dir, 'ntpd.log')], {
    ready: async () => synced(ntpq),
    attempts: 300,
    pollMs: 200,
  });
  const teardown = () => {
    for (const args of [
      ['link', 'del', outside],
      ['netns', 'del', netns],
    ]) {
      try {
        ip(...args);
      } catch {
        // already gone
      }
    }
  };
  try {
    await server.start();
    await client.start();
  } catch (error) {
    await client.stop();
    await server.stop();
    teardown();
    throw error;
  }
  return {
    dir,
    ntpq,
    async stop() {
      await client.stop();
      await server.stop();
      teardown();
    },
  };
}
