// A PuppetDB of a test's own (Debian's puppetdb 7, a JVM) on 127.0.0.1 and a free port, its
// database `spinel_puppetdb_<pid>` created on the machine's PostgreSQL (127.0.0.1:5432, trust) and
// dropped at stop, its config in a temp folder: the metrics web service with its v1 `mbeans`
// endpoint on (PuppetDB 7 turns it off by default), open to unauthenticated reads. Starts in about
// 20 s here.
import { execFileSync as exec } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, serverProcess } from './process.mjs';

export const PUPPETDB_JAR = '/usr/share/puppetdb/puppetdb.jar';
export const havePuppetdb = existsSync(PUPPETDB_JAR) && existsSync('/usr/bin/java') && existsSync('/etc/puppetdb/bootstrap.cfg') && existsSync('/usr/bin/psql');

const psql = (sql, database = 'postgres') =>
  exec('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-qAtc', sql], { stdio: ['ignore', 'pipe', 'pipe'] });

async function up(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/status/v1/simple`, { signal: AbortSignal.timeout(1000) });
    return (await response.text()).trim() === 'running';
  } catch {
    return false;
  }
}

export async function startPuppetdb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-puppetdb-'));
  const conf = path.join(dir, 'conf');
  mkdirSync(conf);
  mkdirSync(path.join(dir, 'var'));
  const database = `spinel_puppetdb_${process.pid}`;
  psql(`DROP DATABASE IF EXISTS ${database}`);
  psql(`CREATE DATABASE ${database}`);
  psql('CREATE EXTENSION IF NOT EXISTS pg_trgm', database);
  const port = await freePort();
  writeFileSync(
    path.join(conf, 'config.ini'),
    `[global]\nvardir = ${dir}/var\n[command-processing]\n[database]\nsubname = //127.0.0.1:5432/${database}\nusername = postgres\npassword = unused\n[jetty]\nhost = 127.0.0.1\nport = ${port}\n`,
  );
  const auth = readFileSync('/etc/puppetdb/conf.d/auth.conf', 'utf8').replace(
    /allow: "\*"(\s+sort-order: 500\s+name: "puppetlabs puppetdb metrics")/,
    'allow-unauthenticated: true$1',
  );
  writeFileSync(path.join(conf, 'auth.conf'), auth);
  writeFileSync(
    path.join(conf, 'metrics.conf'),
    'metrics: {\n  server-id: localhost\n  metrics-webservice: {\n    jolokia: { enabled: false }\n    mbeans: { enabled: true }\n  }\n}\n',
  );
  const args = ['-Xmx192M', '-cp', PUPPETDB_JAR, 'clojure.main', '-m', 'puppetlabs.puppetdb.core', 'services', '-c', conf, '-b', '/etc/puppetdb/bootstrap.cfg'];
  const lifecycle = serverProcess('puppetdb', '/usr/bin/java', args, { ready: () => up(port), attempts: 240, pollMs: 250 });
  const server = {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    start: lifecycle.start,
    async stop() {
      await lifecycle.stop();
      try {
        psql(`DROP DATABASE IF EXISTS ${database}`);
      } catch {
        // left for the next start's DROP
      }
    },
  };
  await server.start();
  return server;
}
export async function populatePuppetdb(url, certname, statuses) {
  const now = new Date().toISOString();
  const uuid = () => crypto.randomUUID();
  const post = async (command, version, body) => {
    const response = await fetch(`${url}/pdb/cmd/v1?command=${command}&version=${version}&certname=${certname}&producer-timestamp=${now}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${command}: ${response.status} ${await response.text()}`);
  };
  const catalog = uuid();
  await post('replace_facts', 5, {
    certname,
    environment: 'production',
    values: { osfamily: 'Debian', kernel: 'Linux' },
    producer_timestamp: now,
    producer: 'spinel-test',
  });
  await post('replace_catalog', 9, {
    certname,
    version: '1',
    environment: 'production',
    transaction_uuid: uuid(),
    catalog_uuid: catalog,
    producer_timestamp: now,
    producer: 'spinel-test',
    code_id: null,
    job_id: null,
    resources: statuses.map((_, i) => ({
      type: 'File',
      title: `/tmp/f${i}`,
      exported: false,
      tags: ['file', 'class'],
      file: '/site.pp',
      line: i + 1,
      parameters: { ensure: 'file' },
    })),
    edges: [],
  });
  await post('store_report', 8, {
    certname,
    puppet_version: '7.23.0',
    report_format: 10,
    configuration_version: '1',
    start_time: now,
    end_time: now,
    producer_timestamp: now,
    producer: 'spinel-test',
    transaction_uuid: uuid(),
    catalog_uuid: catalog,
    code_id: null,
    job_id: null,
    cached_catalog_status: 'not_used',
    status: 'changed',
    noop: false,
    noop_pending: false,
    environment: 'production',
    corrective_change: false,
    logs: [],
    metrics: [],
    resources: statuses.map((status, i) => ({
      timestamp: now,
      resource_type: 'File',
      resource_title: `/tmp/f${i}`,
      skipped: status === 'skipped',
      file: '/site.pp',
      line: i + 1,
      containment_path: ['Stage[main]', 'Main', `File[/tmp/f${i}]`],
      corrective_change: false,
      events: [
        {
          status,
          timestamp: now,
          property: 'ensure',
          new_value: 'file',
          old_value: 'absent',
          message: `ensure ${status}`,
          name: 'file_created',
          corrective_change: false,
        },
      ],
    })),
  });
}
