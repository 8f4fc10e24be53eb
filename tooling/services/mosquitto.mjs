// A real Mosquitto broker (Debian's mosquitto) on 127.0.0.1 and a free port, with its
// persistence in a temp folder; with `users`, anonymous access is off and those users exist.
// The broker the machine may already run on 1883 is left alone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export const MOSQUITTO = '/usr/sbin/mosquitto';
export const haveMosquitto = existsSync(MOSQUITTO) && existsSync('/usr/bin/mosquitto_passwd');

/** `sysInterval`: seconds between the broker's $SYS/# updates (mosquitto's default is 10). */
export async function startMosquitto({ users, sysInterval } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-mosquitto-'));
  const port = await freePort();
  let auth = 'allow_anonymous true\n';
  if (users) {
    const file = path.join(dir, 'passwords');
    writeFileSync(file, '');
    for (const [name, password] of Object.entries(users)) execFileSync('/usr/bin/mosquitto_passwd', ['-b', file, name, password]);
    auth = `allow_anonymous false\npassword_file ${file}\n`;
  }
  // Started as root, mosquitto drops to its own user, which cannot use this temp folder: stay.
  const user = process.getuid?.() === 0 ? 'user root\n' : '';
  writeFileSync(
    path.join(dir, 'mosquitto.conf'),
    `${user}listener ${port} 127.0.0.1\n${auth}persistence true\npersistence_location ${dir}/\nautosave_interval 1\nlog_dest none\n${sysInterval ? `sys_interval ${sysInterval}\n` : ''}`,
  );
  const lifecycle = serverProcess('mosquitto', MOSQUITTO, ['-c', path.join(dir, 'mosquitto.conf')], { ready: () => listening(port), pollMs: 50 });
  const broker = { url: `mqtt://127.0.0.1:${port}`, port, dir, start: lifecycle.start, stop: lifecycle.stop };
  await broker.start();
  return broker;
}
