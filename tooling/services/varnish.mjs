// A varnishd of a test's own (Debian's varnish, no service) on 127.0.0.1 and a free port, in front
// of a backend the test names, with its working directory (`-n`) in a temp folder for varnishstat.
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export const VARNISHD = '/usr/sbin/varnishd';
export const VARNISHSTAT = '/usr/bin/varnishstat';
export const haveVarnish = existsSync(VARNISHD) && existsSync(VARNISHSTAT);

export async function startVarnish({ backend }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-varnish-'));
  // varnishd's worker process runs as its own user (vcache) and must reach the working directory.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const lifecycle = serverProcess('varnishd', VARNISHD, ['-F', '-a', `127.0.0.1:${port}`, '-b', backend, '-n', dir, '-s', 'malloc,16m'], {
    ready: () => listening(port),
    pollMs: 100,
  });
  const server = { dir, port, url: `http://127.0.0.1:${port}`, start: lifecycle.start, stop: lifecycle.stop };
  await server.start();
  return server;
}
