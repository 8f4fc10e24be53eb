// A real carbon-cache (Debian's graphite-carbon) on 127.0.0.1 with its storage in a temp folder,
// for the graphite handler's tests and the delivery benchmark.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export { freePort };

export const CARBON = '/usr/bin/carbon-cache';
export const haveCarbon = existsSync(CARBON) && existsSync('/usr/bin/whisper-fetch');

/** Starts carbon-cache; `retentions` is its storage schema (default one point per second for an hour). */
export async function startCarbon({ retentions = '1s:1h' } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-carbon-'));
  for (const sub of ['conf', 'storage/whisper', 'storage/lists', 'log', 'run']) mkdirSync(path.join(dir, sub), { recursive: true });
  const [linePort, picklePort, queryPort] = [await freePort(), await freePort(), await freePort()];
  writeFileSync(
    path.join(dir, 'conf', 'carbon.conf'),
    `[cache]
STORAGE_DIR = ${dir}/storage
LOCAL_DATA_DIR = ${dir}/storage/whisper
WHITELISTS_DIR = ${dir}/storage/lists
CONF_DIR = ${dir}/conf
LOG_DIR = ${dir}/log
PID_DIR = ${dir}/run
ENABLE_LOGROTATION = False
ENABLE_TAGS = False
USER =
MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = 100000
MAX_CREATES_PER_MINUTE = inf
LINE_RECEIVER_INTERFACE = 127.0.0.1
LINE_RECEIVER_PORT = ${linePort}
ENABLE_UDP_LISTENER = True
UDP_RECEIVER_INTERFACE = 127.0.0.1
UDP_RECEIVER_PORT = ${linePort}
PICKLE_RECEIVER_INTERFACE = 127.0.0.1
PICKLE_RECEIVER_PORT = ${picklePort}
CACHE_QUERY_INTERFACE = 127.0.0.1
CACHE_QUERY_PORT = ${queryPort}
`,
  );
  writeFileSync(path.join(dir, 'conf', 'storage-schemas.conf'), `[default]\npattern = .*\nretentions = ${retentions}\n`);
  const lifecycle = serverProcess('carbon-cache', CARBON, [`--config=${dir}/conf/carbon.conf`, '--nodaemon', 'start'], {
    ready: async () => (await listening(linePort)) && (await listening(picklePort)),
  });
  const carbon = {
    dir,
    linePort,
    picklePort,
    start: lifecycle.start,
    stop: lifecycle.stop,
    fetch(metric, from) {
      const file = `${path.join(dir, 'storage', 'whisper', ...metric.split('.'))}.wsp`;
      if (!existsSync(file)) return [];
      return execFileSync('whisper-fetch', [`--from=${from}`, file], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((line) => line.split(/\s+/))
        .filter(([, v]) => v !== 'None')
        .map(([t, v]) => [Number(t), Number(v)]);
    },
  };
  await carbon.start();
  return carbon;
}
