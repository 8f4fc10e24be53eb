// A real InfluxDB 1.x (Debian's influxdb) on 127.0.0.1 with its data in a temp folder, for the
// influxdb handler's tests. With `auth`, an admin user is created before anything else.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, serverProcess } from './process.mjs';

export const INFLUXD = '/usr/bin/influxd';
export const haveInfluxd = existsSync(INFLUXD);

async function ping(url) {
  try {
    const response = await fetch(`${url}/ping`);
    return response.status === 204;
  } catch {
    return false;
  }
}

/** Starts influxd; returns its URL, a query helper and stop/start. */
export async function startInfluxd({ auth = false } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-influxdb-'));
  const [httpPort, rpcPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${httpPort}`;
  writeFileSync(
    path.join(dir, 'influxdb.conf'),
    `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${dir}/meta"
[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
[http]
  bind-address = "127.0.0.1:${httpPort}"
  auth-enabled = ${auth}
  log-enabled = false
[logging]
  level = "warn"
`,
  );
  const lifecycle = serverProcess('influxd', INFLUXD, ['-config', path.join(dir, 'influxdb.conf')], { ready: () => ping(url) });
  const server = {
    url,
    dir,
    start: lifecycle.start,
    stop: lifecycle.stop,
    /** Runs InfluxQL; returns the parsed JSON. Epoch in milliseconds. */
    async query(q, { db, user } = {}) {
      const params = new URLSearchParams({ epoch: 'ms' });
      if (db) params.set('db', db);
      // InfluxDB 1.x reads credentials from the URL (or basic auth), the query from the form.
      if (user) {
        params.set('u', user.name);
        params.set('p', user.password);
      }
      const response = await fetch(`${url}/query?${params}`, { method: 'POST', body: new URLSearchParams({ q }) });
      return response.json();
    },
  };
  await server.start();
  if (auth) await server.query(`CREATE USER "admin" WITH PASSWORD 'admin-pass' WITH ALL PRIVILEGES`);
  return server;
}
