#!/usr/bin/env node
// CPU per run of each service collector against its real server (issue 14), in-process through
// the CollectorRunner and BatchEncoder a worker uses, beside collectd-core's plugin for the same
// server measured in the same run over the same number of cycles (collectd at Interval 0.05,
// with csv writing what it reads). Servers: the machine's Redis (6379), MariaDB (3306) and
// PostgreSQL (5432), and
// a memcached, nginx, nats-server, Mosquitto and node_exporter of the bench's own, the machine's
// RabbitMQ management API; issue 31's: an Apache httpd, snmpd and dnsmasq of the bench's own, and
// the checks (a port listening, a process running, a page's time and code) against the nginx.
// Neither side counts the server's own CPU; collectd has no plugin for NATS, RabbitMQ's API,
// $SYS, a Prometheus scrape or a DNS lookup (its dns plugin counts captured traffic).
//   node bench/services.mjs            # 500 cycles each
//   BENCH_CYCLES=200 node bench/services.mjs
//   BENCH_ONLY=mysql node bench/services.mjs   # the cases whose name starts so
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BatchEncoder, CollectorRunner, createHostPaths, createLogger, hostRootsFromEnv } from '@spinel/core';
import { validateOptions } from '@spinel/sdk';
// By path: these are not dependencies of the bench package.
import redis from '../packages/collectors/redis/dist/index.js';
import memcached from '../packages/collectors/memcached/dist/index.js';
import postgres from '../packages/collectors/postgres/dist/index.js';
import mysql from '../packages/collectors/mysql/dist/index.js';
import nginx from '../packages/collectors/nginx/dist/index.js';
import httpjson from '../packages/collectors/httpjson/dist/index.js';
import nats from '../packages/collectors/nats/dist/index.js';
import rabbitmq from '../packages/collectors/rabbitmq/dist/index.js';
import mosquitto from '../packages/collectors/mosquitto/dist/index.js';
import prometheus from '../packages/collectors/prometheus/dist/index.js';
import httpd from '../packages/collectors/httpd/dist/index.js';
import httpPage from '../packages/collectors/http/dist/index.js';
import httpcode from '../packages/collectors/httpcode/dist/index.js';
import snmp from '../packages/collectors/snmp/dist/index.js';
import snmpinterface from '../packages/collectors/snmpinterface/dist/index.js';
import dnslookupcheck from '../packages/collectors/dnslookupcheck/dist/index.js';
import portcheck from '../packages/collectors/portcheck/dist/index.js';
import processcheck from '../packages/collectors/processcheck/dist/index.js';
import zookeeper from '../packages/collectors/zookeeper/dist/index.js';
import chronyd from '../packages/collectors/chronyd/dist/index.js';
import varnish from '../packages/collectors/varnish/dist/index.js';
import haproxy from '../packages/collectors/haproxy/dist/index.js';
import ntpdCollector from '../packages/collectors/ntpd/dist/index.js';
import { ntpsecUnavailable, startNtpsec } from '../tooling/services/ntpsec.mjs';
import { startZookeeper } from '../tooling/services/zookeeper.mjs';
import { CHRONYC, startChrony } from '../tooling/services/chrony.mjs';
import { startVarnish, VARNISHSTAT } from '../tooling/services/varnish.mjs';
import { startHaproxy } from '../tooling/services/haproxy.mjs';
import { startApache } from '../tooling/services/apache.mjs';
import { startSnmpd } from '../tooling/services/snmpd.mjs';
import { startDnsmasq } from '../tooling/services/dnsmasq.mjs';
import { startNginx } from '../tooling/services/nginx.mjs';
import { startNatsServer } from '../tooling/services/nats.mjs';
import { startMosquitto } from '../tooling/services/mosquitto.mjs';
import { startNodeExporter } from '../tooling/services/node-exporter.mjs';
import { rabbitmqManagement } from '../tooling/services/rabbitmq.mjs';
import { startMemcached } from '../tooling/services/memcached.mjs';
import { benchSettings, cpuSeconds, findBinary, fmt, sleep, start, stop, table } from './lib.mjs';

const cycles = Number(process.env.BENCH_CYCLES ?? 500);
const deps = { clock: () => Date.now() / 1000, hostPaths: createHostPaths(hostRootsFromEnv()), log: createLogger({ level: 'error' }) };

async function spinelRun(def, options) {
  const runner = new CollectorRunner(def, validateOptions(def.options, options).value, benchSettings(def), deps);
  await runner.setup();
  const encoder = new BatchEncoder(def.path, 'bench');
  let samples = 0;
  const once = async () => {
    const result = await runner.run((sample) => {
      samples++;
      encoder.add(sample);
    });
    if (result.error) throw new Error(`${def.name}: ${result.error.message}`);
    encoder.take();
  };
  for (let i = 0; i < 20; i++) await once();
  samples = 0;
  const before = process.cpuUsage();
  for (let i = 0; i < cycles; i++) await once();
  const used = process.cpuUsage(before);
  await runner.teardown();
  return { ms: (used.user + used.system) / 1000 / cycles, samples: samples / cycles };
}

async function collectdRun(plugin, block) {
  const collectd = findBinary('/usr/sbin/collectd');
  if (!collectd) return undefined;
  const interval = 0.05;
  const work = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-services-'));
  const conf = path.join(work, 'collectd.conf');
  writeFileSync(
    conf,
    [
      `Interval ${interval}`,
      `BaseDir "${work}"`,
      `PIDFile "${work}/collectd.pid"`,
      `LoadPlugin ${plugin}`,
      block,
      'LoadPlugin csv',
      '<Plugin csv>',
      `  DataDir "${work}/csv"`,
      '</Plugin>',
      '',
    ].join('\n'),
  );
  const proc = start(collectd, ['-f', '-C', conf]);
  await sleep(2000);
  if (proc.child.exitCode !== null) return `failed: ${proc.stderr().trim().split('\n').at(-1)}`;
  const c0 = cpuSeconds(proc.pid);
  await sleep(cycles * interval * 1000);
  const c1 = cpuSeconds(proc.pid);
  await stop(proc);
  const values = csvValues(path.join(work, 'csv'));
  if (values === 0) return `wrote nothing: ${proc.stderr().trim().split('\n').at(-1) ?? 'no error printed'}`;
  return { ms: ((c1 - c0) * 1000) / cycles, values: values / (cycles + 2000 / (interval * 1000)) };
}

/** Values collectd's csv plugin wrote (a line each, headers left out): a peer that read nothing is not a figure. */
function csvValues(dir) {
  if (!existsSync(dir)) return 0;
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const lines = readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('epoch'));
    const columns = (lines[0]?.split(',').length ?? 1) - 1;
    count += lines.length * columns;
  }
  return count;
}

const cache = await startMemcached();
const web = await startNginx({ locations: '    location = /stats.json { default_type application/json; }' });
writeFileSync(
  path.join(web.dir, 'www', 'stats.json'),
  JSON.stringify({ requests: { total: 1234, failed: 5 }, queue: { depth: 7, workers: [{ busy: 1 }, { busy: 0 }] }, up: true }),
);
const natsServer = await startNatsServer({ monitor: true });
const broker = await startMosquitto({ sysInterval: 1 });
const exporter = await startNodeExporter();
const rabbit = await rabbitmqManagement();
const apache = await startApache();
const agent = await startSnmpd();
const resolver = await startDnsmasq({ 'web.spinel.test': '10.0.0.1' });
const zk = await startZookeeper();
const chrony = await startChrony();
const accelerator = await startVarnish({ backend: `127.0.0.1:${web.port}` });
const balancer = await startHaproxy({ backend: `127.0.0.1:${web.port}` });
for (let i = 0; i < 5; i++) await (await fetch(accelerator.url)).text();
// ntpsec needs root and port 123 (tooling/services/ntpsec.mjs); without them the row says why.
const noNtpsec = ntpsecUnavailable();
const ntpsec = noNtpsec ? undefined : await startNtpsec();
const LOAD_OIDS = ['.1.3.6.1.4.1.2021.10.1.3.1', '.1.3.6.1.4.1.2021.10.1.3.2', '.1.3.6.1.4.1.2021.10.1.3.3'];
const snmpLoadBlock = `<Plugin snmp>\n  <Data "load">\n    Type "load"\n    Table false\n    Instance ""\n    Values ${LOAD_OIDS.map((o) => `"${o}"`).join(' ')}\n  </Data>\n  <Host "local">\n    Address "127.0.0.1:${agent.port}"\n    Version 2\n    Community "public"\n    Collect "load"\n  </Host>\n</Plugin>`;
const ifData = (name, type, a, b) =>
  `  <Data "${name}">\n    Type "${type}"\n    Table true\n    Instance ".1.3.6.1.2.1.2.2.1.2"\n    Values "${a}" "${b}"\n  </Data>`;
const snmpInterfaceBlock = [
  '<Plugin snmp>',
  ifData('octets', 'if_octets', '.1.3.6.1.2.1.31.1.1.1.6', '.1.3.6.1.2.1.31.1.1.1.10'),
  ifData('packets', 'if_packets', '.1.3.6.1.2.1.31.1.1.1.7', '.1.3.6.1.2.1.31.1.1.1.11'),
  ifData('errors', 'if_errors', '.1.3.6.1.2.1.2.2.1.14', '.1.3.6.1.2.1.2.2.1.20'),
  ifData('dropped', 'if_dropped', '.1.3.6.1.2.1.2.2.1.13', '.1.3.6.1.2.1.2.2.1.19'),
  `  <Host "local">\n    Address "127.0.0.1:${agent.port}"\n    Version 2\n    Community "public"\n    Collect "octets" "packets" "errors" "dropped"\n  </Host>`,
  '</Plugin>',
].join('\n');
const curlBlock = `<Plugin curl>\n  <Page "stats">\n    URL "${web.url}/stats.json"\n    MeasureResponseTime true\n    MeasureResponseCode true\n  </Page>\n</Plugin>`;
const curlJsonBlock = `<Plugin curl_json>\n  <URL "${web.url}/stats.json">\n    Instance "bench"\n    <Key "requests/total">\n      Type "gauge"\n    </Key>\n    <Key "requests/failed">\n      Type "gauge"\n    </Key>\n    <Key "queue/depth">\n      Type "gauge"\n    </Key>\n  </URL>\n</Plugin>`;
const cases = [
  {
    name: 'redis (127.0.0.1:6379)',
    def: redis,
    options: { host: '127.0.0.1' },
    plugin: 'redis',
    block: '<Plugin redis>\n  <Node "local">\n    Host "127.0.0.1"\n    Port "6379"\n  </Node>\n</Plugin>',
  },
  {
    name: `memcached (own, port ${cache.port})`,
    def: memcached,
    options: { hosts: [`127.0.0.1:${cache.port}`] },
    plugin: 'memcached',
    block: `<Plugin memcached>\n  <Instance "local">\n    Host "127.0.0.1"\n    Port "${cache.port}"\n  </Instance>\n</Plugin>`,
  },
  {
    name: 'mysql (MariaDB 127.0.0.1:3306)',
    def: mysql,
    options: { host: '127.0.0.1' },
    plugin: 'mysql',
    block: '<Plugin mysql>\n  <Database "local">\n    Host "127.0.0.1"\n    User "root"\n    Port "3306"\n    InnodbStats true\n  </Database>\n</Plugin>',
  },
  {
    name: `nginx (own, stub_status)`,
    def: nginx,
    options: { req_host: '127.0.0.1', req_port: web.port },
    plugin: 'nginx',
    block: `<Plugin nginx>\n  URL "${web.url}/nginx_status"\n</Plugin>`,
  },
  { name: 'httpjson (a small document from nginx)', def: httpjson, options: { url: `${web.url}/stats.json` }, plugin: 'curl_json', block: curlJsonBlock },
  { name: 'nats (/varz, /connz, /jsz; own server)', def: nats, options: { url: natsServer.monitorUrl } },
  { name: 'mosquitto ($SYS, one subscription; own broker)', def: mosquitto, options: { url: broker.url } },
  { name: 'prometheus input (node_exporter: cpu, loadavg, meminfo, netdev)', def: prometheus, options: { url: exporter.url } },
  ...(rabbit.ok ? [{ name: 'rabbitmq (management API, overview + queues + node)', def: rabbitmq, options: { host: '127.0.0.1:15672' } }] : []),
  {
    name: `httpd (own Apache, mod_status ?auto)`,
    def: httpd,
    options: { urls: [`local ${apache.url}/server-status?auto`] },
    plugin: 'apache',
    block: `<Plugin apache>\n  <Instance "local">\n    URL "${apache.url}/server-status?auto"\n  </Instance>\n</Plugin>`,
  },
  {
    name: 'http (a page from nginx: time and size; collectd curl: time and code)',
    def: httpPage,
    options: { req_url: [`${web.url}/stats.json`] },
    plugin: 'curl',
    block: curlBlock,
  },
  {
    name: 'httpcode (a page from nginx; collectd curl: time and code)',
    def: httpcode,
    options: { req_url: [`${web.url}/stats.json`] },
    plugin: 'curl',
    block: curlBlock,
  },
  {
    name: 'snmp (three UCD load OIDs by GET; own snmpd)',
    def: snmp,
    options: {
      devices: {
        local: { host: '127.0.0.1', port: agent.port, community: 'public', oids: Object.fromEntries(LOAD_OIDS.map((o, i) => [o.slice(1), `load.${i}`])) },
      },
    },
    plugin: 'snmp',
    block: snmpLoadBlock,
  },
  {
    name: 'snmpinterface (IF-MIB walk, 4 interfaces; own snmpd)',
    def: snmpinterface,
    options: { devices: { local: { host: '127.0.0.1', port: agent.port, community: 'public' } }, interface_types: ['6', '24'] },
    plugin: 'snmp',
    block: snmpInterfaceBlock,
  },
  { name: 'dnslookupcheck (one name from own dnsmasq)', def: dnslookupcheck, options: { dnsAddressList: ['web.spinel.test'], nameserver: resolver.address } },
  {
    name: "portcheck (nginx's port listening; collectd tcpconns)",
    def: portcheck,
    options: { port: { web: { number: web.port } } },
    plugin: 'tcpconns',
    block: `<Plugin tcpconns>\n  ListeningPorts false\n  LocalPort "${web.port}"\n</Plugin>`,
  },
  {
    name: 'processcheck (nginx processes; collectd processes)',
    def: processcheck,
    options: { process: { nginx: { name: '^nginx' } } },
    plugin: 'processes',
    block: '<Plugin processes>\n  Process "nginx"\n</Plugin>',
  },
  {
    name: 'zookeeper (mntr; own ZooKeeper)',
    def: zookeeper,
    options: { hosts: [zk.connect] },
    plugin: 'zookeeper',
    block: `<Plugin zookeeper>\n  Host "127.0.0.1"\n  Port "${zk.port}"\n</Plugin>`,
  },
  {
    name: 'chronyd (sourcestats; own chronyd)',
    def: chronyd,
    options: { bin: CHRONYC, args: chrony.args },
    plugin: 'chrony',
    block: `<Plugin chrony>\n  Host "127.0.0.1"\n  Port "${chrony.cmdPort}"\n</Plugin>`,
  },
  {
    name: 'varnish (varnishstat -1; own varnishd)',
    def: varnish,
    options: { bin: VARNISHSTAT, args: ['-n', accelerator.dir] },
    plugin: 'varnish',
    block: `<Plugin varnish>\n  <Instance "${accelerator.dir}">\n    CollectCache true\n    CollectConnections true\n    CollectBackend true\n    CollectSHM true\n  </Instance>\n</Plugin>`,
  },
  { name: 'haproxy (stats socket; collectd: curl_xml has no CSV, so none)', def: haproxy, options: { method: 'unix', sock: balancer.socket } },
  ...(ntpsec
    ? [
        {
          name: "ntpd (ntpq -np; Debian's ntpsec, no ntpdc)",
          def: ntpdCollector,
          options: { ntpq_bin: ntpsec.ntpq, ntpdc_bin: '/nonexistent/ntpdc' },
          plugin: 'ntpd',
          block: '<Plugin ntpd>\n  Host "127.0.0.1"\n  Port "123"\n</Plugin>',
        },
      ]
    : []),
  {
    name: 'postgres (127.0.0.1:5432, database test)',
    def: postgres,
    options: { host: '127.0.0.1', databases: ['^test$'] },
    plugin: 'postgresql',
    block: '<Plugin postgresql>\n  <Database "test">\n    Host "127.0.0.1"\n    User "postgres"\n  </Database>\n</Plugin>',
  },
];
const only = process.env.BENCH_ONLY;
const rows = [['server', 'spinel CPU ms/run', 'samples/run', 'collectd CPU ms/cycle', 'collectd values/cycle', 'spinel / collectd']];
try {
  for (const c of cases.filter((c) => !only || c.name.startsWith(only))) {
    const spinel = await spinelRun(c.def, c.options);
    const peer = c.plugin ? await collectdRun(c.plugin, c.block) : 'no collectd plugin';
    const measured = typeof peer === 'object' && peer !== null;
    rows.push([
      c.name,
      fmt(spinel.ms, 3),
      fmt(spinel.samples, 0),
      measured ? fmt(peer.ms, 3) : (peer ?? 'not installed'),
      measured ? fmt(peer.values, 0) : '-',
      measured ? fmt(spinel.ms / peer.ms, 2) : '-',
    ]);
  }
} finally {
  await cache.stop();
  await web.stop();
  await natsServer.stop();
  await broker.stop();
  await exporter.stop();
  await apache.stop();
  await agent.stop();
  await resolver.stop();
  await zk.stop();
  await chrony.stop();
  await accelerator.stop();
  await balancer.stop();
  await ntpsec?.stop();
}
if (noNtpsec) console.log(`ntpd: not measured: ${noNtpsec}`);
console.log(`\nCPU per run of each service collector against its real server, ${cycles} runs; collectd-core's plugin over as many cycles in the same run`);
console.log(table(rows));
