// The config files Diamond, its Metricly fork and the Metricly agent ship, imported as they are:
// each imports, its result passes `spinel config check` with the env file it wrote, and runs
// against local doubles of its backends (a line sink for graphite, the Metricly receiver).
import { chmodSync, copyFileSync, cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startReceiver } from '../../../packages/metricly-client/test/receiver.js';
import { archiveLines, FIXTURES, lineSink, REPO, runCli, startAgent, tempDir, waitFor } from './helpers.js';
import { haveApache, startApache } from '../../../tooling/services/apache.mjs';
import { havePdns, startPdns } from '../../../tooling/services/pdns.mjs';
import { haveSnmpd, startSnmpd } from '../../../tooling/services/snmpd.mjs';
import { havePuppetdb, populatePuppetdb, startPuppetdb } from '../../../tooling/services/puppetdb.mjs';
import { haveZookeeper, startZookeeper } from '../../../tooling/services/zookeeper.mjs';
import { createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { http } from '@spinel/plugin-kit';
import { startReplayServer } from '@spinel/testing';
import { urlMetricName } from '@spinel/collector-httpcode';
import { httpMetricName } from '@spinel/collector-http';

const MISSING_SERVERS = (
  [
    [haveApache, 'apache2-bin'],
    [havePdns, 'pdns-server and pdns-backend-bind'],
    [haveSnmpd, 'snmpd'],
    [havePuppetdb, 'puppetdb'],
    [haveZookeeper, 'zookeeper'],
  ] as const
).filter(([have]) => !have);
for (const [, what] of MISSING_SERVERS)
  console.log(
    `config import of the stock files: ${what} is missing (apt-get install it; .ci/run does), so the test that runs its collector against it is skipped`,
  );

const CORPUS = path.join(FIXTURES, 'configobj/corpus');
const STOCK = [
  'diamond/conf/diamond.conf.example',
  'diamond/conf/diamond.conf.example.windows',
  'diamond/conf/vagrant/diamond.conf',
  'netuitive-diamond/conf/diamond.conf.example',
  'netuitive-diamond/conf/diamond.conf.example.windows',
  'metricly-agent/netuitive/conf/netuitive-agent.conf',
];

const readEnvFile = (file: string): Record<string, string> =>
  Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_0-9]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

type Doc = { agent?: Record<string, unknown>; collectors: Record<string, Record<string, unknown>>; handlers: Record<string, Record<string, unknown>> };

describe('spinel config import of the stock files', () => {
  for (const stock of STOCK) {
    it(`${stock}: imports, checks, and runs against local doubles`, async () => {
      const dir = tempDir('import-stock');
      const file = path.join(dir, path.basename(stock));
      copyFileSync(path.join(CORPUS, stock), file);
      const out = path.join(dir, 'spinel.yaml');
      const imported = await runCli(['config', 'import', file, '--out', out], { cwd: dir });
      expect(imported.stderr).not.toMatch(/^spinel: (?!not imported|agent\.telemetry|Secrets)/m);
      expect([0, 3]).toContain(imported.code);
      const text = readFileSync(out, 'utf8');
      const doc = parse(text) as Doc;
      // Typed as the schemas say: no number or boolean left as a string.
      const strings = JSON.stringify(doc).match(/"(\d+(\.\d+)?|True|False|true|false)"/g);
      expect(strings).toBeNull();
      const envFile = path.join(dir, 'spinel.env');
      const env = doc.handlers.metricly ? readEnvFile(envFile) : {};
      if (doc.handlers.metricly) {
        expect(statSync(envFile).mode & 0o777).toBe(0o600);
        expect(text).not.toContain('<datasource api key>');
        expect(doc.handlers.metricly.api_key).toBe('${SPINEL_METRICLY_API_KEY}');
        expect(env.SPINEL_METRICLY_API_KEY).toBe('<datasource api key>');
        expect(doc.agent?.telemetry).toBe(false);
      }
      expect((await runCli(['config', 'check', out], { env })).code).toBe(0);

      // Run it with every backend pointed at a local double, as an operator's edit would.
      const sink = await lineSink();
      const receiver = await startReceiver({ apiKey: 'stock-key' });
      if (doc.handlers.graphite) Object.assign(doc.handlers.graphite, { host: '127.0.0.1', port: sink.port });
      if (doc.handlers.archive) doc.handlers.archive.path = path.join(dir, 'archive.log');
      if (doc.handlers.metricly) {
        doc.handlers.metricly.url = receiver.url;
        env.SPINEL_METRICLY_API_KEY = 'stock-key';
      }
      doc.collectors.defaults = { ...doc.collectors.defaults, interval: 1 };
      doc.agent = { ...doc.agent, hostname: 'stockhost', status: { enabled: false } };
      const runnable = path.join(dir, 'run.yaml');
      writeFileSync(runnable, stringify(doc));
      const agent = startAgent(runnable, dir, { env });
      try {
        const published = (): boolean =>
          sink.lines.some((l) => l.startsWith('servers.stockhost.cpu.')) ||
          (doc.handlers.archive !== undefined && archiveLines(path.join(dir, 'archive.log')).some(([p]) => p.startsWith('servers.stockhost.cpu.'))) ||
          receiver.elements.some((e) => e.metrics.some((m) => m.id.startsWith('cpu.')));
        await waitFor(published, 20_000, 'cpu metrics at a local double');
      } finally {
        expect(await agent.stop()).toBe(0);
        sink.close();
        await receiver.close();
      }
    }, 60_000);
  }

  it("the Metricly agent's 29 collector configs merge into its main config; [[[process]]] becomes processresources' process groups", async () => {
    const dir = tempDir('import-stock-collectors');
    cpSync(path.join(CORPUS, 'metricly-agent/netuitive/conf/collectors'), path.join(dir, 'collectors'), { recursive: true });
    // The stock ProcessResourcesCollector.conf is shipped disabled; an operator turns it on.
    const processConf = path.join(dir, 'collectors/ProcessResourcesCollector.conf');
    writeFileSync(processConf, readFileSync(processConf, 'utf8').replace('enabled = False', 'enabled = True'));
    const main = path.join(dir, 'diamond.conf');
    writeFileSync(
      main,
      [
        '[server]',
        'handlers = diamond.handler.archive.ArchiveHandler',
        'collectors_config_path = collectors',
        '[handlers]',
        '[[ArchiveHandler]]',
        'log_file = archive.log',
        '[collectors]',
        '',
      ].join('\n'),
    );
    const out = path.join(dir, 'spinel.yaml');
    const imported = await runCli(['config', 'import', main, '--out', out], { cwd: dir });
    // HeartbeatCollector is the one shipped enabled.
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const doc = parse(readFileSync(out, 'utf8')) as Doc;
    expect(doc.collectors.heartbeat).toEqual({ ttl: 150 });
    expect(doc.collectors.processresources).toEqual({
      process: { example_process_name: { name: '.*sample_regex.*' }, diamond: { selfmon: true } },
    });
    expect((await runCli(['config', 'check', out])).code).toBe(0);
  }, 30_000);

  it("the Metricly agent's config with its collectors folder: HeartbeatCollector and PortCheckCollector check in at Metricly, and no other handler sees a check-in", async () => {
    const dir = tempDir('import-stock-checks');
    cpSync(path.join(CORPUS, 'metricly-agent/netuitive/conf/collectors'), path.join(dir, 'collectors'), { recursive: true });
    const listener = createServer().listen(0, '127.0.0.1');
    await once(listener, 'listening');
    const port = (listener.address() as AddressInfo).port;
    // The operator turns PortCheckCollector on for a port of theirs (the stock file names 8888).
    const portConf = path.join(dir, 'collectors/PortCheckCollector.conf');
    writeFileSync(portConf, readFileSync(portConf, 'utf8').replace('enabled = False', 'enabled = True').replace('number = 8888', `number = ${port}`));
    // And JolokiaCollector, to see the Metricly agent's naming chosen (it is not run: no JVM here).
    const jolokiaConf = path.join(dir, 'collectors/JolokiaCollector.conf');
    writeFileSync(jolokiaConf, readFileSync(jolokiaConf, 'utf8').replace('enabled = False', 'enabled = True'));
    const main = path.join(dir, 'netuitive-agent.conf');
    writeFileSync(
      main,
      readFileSync(path.join(CORPUS, 'metricly-agent/netuitive/conf/netuitive-agent.conf'), 'utf8').replace(
        'collectors_config_path = /opt/netuitive-agent/conf/collectors/',
        `collectors_config_path = ${dir}/collectors/`,
      ),
    );
    const out = path.join(dir, 'spinel.yaml');
    const imported = await runCli(['config', 'import', main, '--out', out], { cwd: dir });
    expect([0, 3]).toContain(imported.code);
    const doc = parse(readFileSync(out, 'utf8')) as Doc;
    expect(doc.collectors.heartbeat).toEqual({ ttl: 150 });
    expect(doc.collectors.jolokia).toMatchObject({ naming: 'metricly', path: 'jmx', jolokia_path: 'jolokia' });
    delete doc.collectors.jolokia;
    // Inside a subsection only Diamond's booleans are typed (the schema of a port is the plugin's own): the number stays text, which portcheck reads.
    expect(doc.collectors.portcheck).toEqual({ ttl: 150, port: { port_app_name: { number: String(port) } } });
    const receiver = await startReceiver({ apiKey: 'stock-key' });
    doc.handlers.metricly = { ...doc.handlers.metricly, url: receiver.url };
    doc.handlers.archive = { path: path.join(dir, 'archive.log') };
    doc.collectors.defaults = { ...doc.collectors.defaults, interval: 1 };
    doc.agent = { ...doc.agent, hostname: 'stockhost', status: { enabled: false } };
    const runnable = path.join(dir, 'run.yaml');
    writeFileSync(runnable, stringify(doc));
    const agent = startAgent(runnable, dir, { env: { ...readEnvFile(path.join(dir, 'spinel.env')), SPINEL_METRICLY_API_KEY: 'stock-key' } });
    try {
      const checkedIn = (name: string): boolean => receiver.checkins.some((c) => c.name === name);
      await waitFor(
        () =>
          checkedIn('heartbeat') &&
          checkedIn(`port_app_name.${port}`) &&
          archiveLines(path.join(dir, 'archive.log')).some(([p]) => p.startsWith('servers.stockhost.cpu.')),
        20_000,
        'check-ins at the Metricly receiver and cpu in the archive',
      );
    } finally {
      expect(await agent.stop()).toBe(0);
      listener.close();
      await receiver.close();
    }
    expect(receiver.checkins).toContainEqual({ name: 'heartbeat', elementId: 'stockhost', ttl: 150 });
    expect(receiver.checkins).toContainEqual({ name: `port_app_name.${port}`, elementId: 'stockhost', ttl: 150 });
    // A check-in is not a metric: neither the archive nor Metricly's metric ids carry one.
    const archived = archiveLines(path.join(dir, 'archive.log')).map(([p]) => p);
    expect(archived.filter((p) => /\.(heartbeat|port)\./.test(p))).toEqual([]);
    expect(receiver.elements.flatMap((e) => e.metrics.map((m) => m.id)).filter((id) => /^(heartbeat|port)\./.test(id))).toEqual([]);
  }, 60_000);

  /** A stock collector .conf of the Metricly agent, turned on as an operator would, imported beside a bare main config. */
  async function importCollectorConf(
    name: string,
    edit: (text: string) => string = (text) => text,
  ): Promise<{ dir: string; out: string; stderr: string; code: number | null; doc: Doc }> {
    const dir = tempDir(`import-stock-${name}`);
    const source = readFileSync(path.join(CORPUS, `metricly-agent/netuitive/conf/collectors/${name}.conf`), 'utf8');
    writeFileSync(path.join(dir, `${name}.conf`), edit(source.replace(/^enabled = False\s*$/m, 'enabled = True')));
    const main = path.join(dir, 'diamond.conf');
    writeFileSync(
      main,
      [
        '[server]',
        'handlers = diamond.handler.archive.ArchiveHandler',
        'collectors_config_path = .',
        '[handlers]',
        '[[ArchiveHandler]]',
        'log_file = archive.log',
        '[collectors]',
        '[[default]]',
        'enabled = False',
        '',
      ].join('\n'),
    );
    const out = path.join(dir, 'spinel.yaml');
    const { stderr, code } = await runCli(['config', 'import', main, '--out', out], { cwd: dir });
    return { dir, out, stderr, code, doc: parse(readFileSync(out, 'utf8')) as Doc };
  }

  it('ProcessCheckCollector.conf and DNSLookupCheckCollector.conf import with nothing left out, and their check-ins print from spinel collect', async () => {
    // A process whose name (its executable's base name, what `name` matches) is the marker.
    const marker = `spnlchk${process.pid % 10_000_000}`;
    const processes = await importCollectorConf('ProcessCheckCollector', (text) => text.replace('.*example_regex.*', marker));
    expect(processes.stderr).toBe('');
    expect(processes.code).toBe(0);
    expect(processes.doc.collectors.processcheck).toEqual({ ttl: 150, process: { example_process_name: { name: marker } } });
    const dns = await importCollectorConf('DNSLookupCheckCollector');
    expect(dns.stderr).toBe('');
    expect(dns.code).toBe(0);
    expect(dns.doc.collectors.dnslookupcheck).toEqual({ ttl: 150, dnsAddressList: ['host01.example.com', 'example.com'] });
    const sleeper = path.join(processes.dir, marker);
    copyFileSync('/bin/sleep', sleeper);
    chmodSync(sleeper, 0o755);
    const child = spawn(sleeper, ['30'], { stdio: 'ignore' });
    try {
      await once(child, 'spawn');
      const collected = await runCli(['collect', 'processcheck', '--config', processes.out], { cwd: processes.dir });
      expect(collected.stdout).toContain('check process.example_process_name  alive (ttl 150 s)');
    } finally {
      child.kill('SIGKILL');
    }
    writeFileSync(dns.out, readFileSync(dns.out, 'utf8').replace(/dnsAddressList:[\s\S]*?(\n\S|$)/, 'dnsAddressList: [localhost]$1'));
    const resolved = await runCli(['collect', 'dnslookupcheck', '--config', dns.out], { cwd: dns.dir });
    expect(resolved.stdout).toContain('check dnslookupcheck.localhost  alive (ttl 150 s)');
  }, 30_000);

  it.skipIf(!haveApache)(
    "HttpdCollector.conf imports to httpd with its urls, and runs against an Apache of the test's own",
    async () => {
      const apache = await startApache();
      try {
        const { dir, out, stderr, code, doc } = await importCollectorConf('HttpdCollector', (text) => text.replace('http://localhost:8080/', `${apache.url}/`));
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(doc.collectors.httpd).toEqual({ urls: [`localhost ${apache.url}/server-status?auto`] });
        const collected = await runCli(['collect', 'httpd', '--config', out, '--json'], { cwd: dir });
        expect(collected.code).toBe(0);
        const paths = collected.stdout
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { path: string }).path);
        expect(paths.filter((p) => p.endsWith('.httpd.localhost.TotalAccesses'))).toHaveLength(1);
      } finally {
        await apache.stop();
      }
    },
    60_000,
  );

  it("HttpCodeCollector.conf imports to httpcode with its req_url, and runs against a server of the test's own", async () => {
    const server = http.createServer((_req, res) => res.writeHead(200).end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const { dir, out, stderr, code, doc } = await importCollectorConf('HttpCodeCollector', (text) => text.replace('http://example.com/', url));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(doc.collectors.httpcode).toEqual({ req_url: [url] });
      const collected = await runCli(['collect', 'httpcode', '--config', out, '--json'], { cwd: dir });
      expect(collected.code).toBe(0);
      const samples = collected.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { path: string; value: number });
      expect(samples.find((s) => s.path.endsWith(`.http.${urlMetricName(url)}.response_code`))?.value).toBe(200);
    } finally {
      server.close();
    }
  }, 60_000);

  it("HttpCollector.conf imports to http with its req_url, and runs against a server of the test's own", async () => {
    const server = http.createServer((_req, res) => res.writeHead(200).end('x'.repeat(150)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const { dir, out, stderr, code, doc } = await importCollectorConf('HttpCollector', (text) =>
        text.replace('https://www.my_server.com/, https://www.my_server.com/assets/jquery.js', `${url}, ${url}assets/jquery.js`),
      );
      // Two settings the stock file carries that Diamond's HttpCollector never read either.
      expect(
        stderr
          .trim()
          .split('\n')
          .map((line) => line.replace(/^.*\[\[HttpCollector\]\] /, '')),
      ).toEqual([
        "ttl_multiplier: Metricly's series time-to-live; Spinel's handlers keep no per-series expiry",
        'byte_unit: the Spinel collector http has no option byte_unit',
      ]);
      expect(code).toBe(3);
      expect(doc.collectors.http).toEqual({ req_url: [url, `${url}assets/jquery.js`], path_suffix: '', measure_collector_time: false });
      const collected = await runCli(['collect', 'http', '--config', out, '--json'], { cwd: dir });
      expect(collected.code).toBe(0);
      const samples = collected.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { path: string; value: number });
      expect(samples.find((s) => s.path.endsWith(`.http.${httpMetricName(url)}.size`))?.value).toBe(150);
    } finally {
      server.close();
    }
  }, 60_000);

  it("UserScriptsCollector.conf imports to userscripts with its scripts_path, and runs Diamond's example script from there", async () => {
    const scripts = tempDir('user-scripts');
    copyFileSync(path.join(REPO, 'packages/collectors/userscripts/test/fixtures/example.sh'), path.join(scripts, 'example.sh'));
    chmodSync(path.join(scripts, 'example.sh'), 0o755);
    const { dir, out, stderr, code, doc } = await importCollectorConf('UserScriptsCollector', (text) =>
      text.replace('/opt/netuitive-agent/user-scripts', scripts),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(doc.collectors.userscripts).toEqual({ scripts_path: scripts });
    const collected = await runCli(['collect', 'userscripts', '--config', out, '--json'], { cwd: dir });
    const samples = collected.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { path: string; value: number });
    expect(samples.map((s) => [s.path.split('.').slice(2).join('.'), s.value])).toEqual([
      ['example.1', 42],
      ['example.2', 24],
      ['example.3', 12.1212],
    ]);
  }, 60_000);

  it.skipIf(!havePdns)(
    "PowerDNSCollector.conf imports to powerdns, and runs against Debian's pdns-server of the test's own",
    async () => {
      const pdns = await startPdns();
      try {
        const { dir, out, stderr, code, doc } = await importCollectorConf('PowerDNSCollector');
        expect([stderr, code]).toEqual(['', 0]);
        expect(doc.collectors.powerdns).toEqual({});
        const collect = ['collect', 'powerdns', '--config', out, '--set', `socket_dir=${pdns.dir}`, '--json'];
        const collected = await runCli(collect, { cwd: dir });
        expect(collected.code).toBe(0);
        const paths = collected.stdout
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { path: string }).path);
        expect(paths.filter((p) => p.endsWith('.powerdns.packetcache-size'))).toHaveLength(1);
      } finally {
        await pdns.stop();
      }
    },
    60_000,
  );

  it("FlumeCollector.conf imports to flume with its host, port and path, and runs against Diamond's recorded answer", async () => {
    const replay = await startReplayServer('http');
    replay.answer({ 'GET /metrics': readFileSync(path.join(REPO, 'conformance/diamond/flume/metrics'), 'utf8') });
    try {
      const { dir, out, stderr, code, doc } = await importCollectorConf('FlumeCollector', (text) =>
        text.replace('req_host = localhost', `req_host = ${replay.host}`).replace('req_port = 41414', `req_port = ${replay.port}`),
      );
      expect([stderr, code]).toEqual(['', 0]);
      expect(doc.collectors.flume).toEqual({ req_host: replay.host, req_port: replay.port, req_path: '/metrics' });
      const collected = await runCli(['collect', 'flume', '--config', out, '--json'], { cwd: dir });
      expect(collected.code).toBe(0);
      expect(collected.stdout).toContain('.flume.CHANNEL.channel1.ChannelFillPercentage"');
    } finally {
      await replay.close();
    }
  }, 60_000);

  it("ElasticSearchCollector.conf imports to elasticsearch (logstash mode, cluster health, the metrics blacklist), and runs against Diamond's recorded answers", async () => {
    const replay = await startReplayServer('http');
    const recorded = (name: string): string => readFileSync(path.join(REPO, 'conformance/diamond/elasticsearch', name), 'utf8');
    replay.answer({
      'GET /_nodes/_local/stats': recorded('stats'),
      'GET /_cluster/health': recorded('cluster_stats_v2'),
      'GET /_stats': recorded('logstash_indices_stats'),
    });
    try {
      const { dir, out, stderr, code, doc } = await importCollectorConf(
        'ElasticSearchCollector',
        (text) => `${text}\nhost = ${replay.host}\nport = ${replay.port}\n`,
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(doc.collectors.elasticsearch).toEqual({
        logstash_mode: true,
        cluster: true,
        metrics_blacklist: ['^indices\\.(?!_all\\.|datastore\\.|docs\\.).*'],
        host: replay.host,
        port: replay.port,
      });
      const collected = await runCli(['collect', 'elasticsearch', '--config', out, '--json'], { cwd: dir });
      expect(collected.code).toBe(0);
      const names = collected.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { name: string }).name);
      expect(names).toContain('cluster_health.status');
      expect(names).toContain('indices._all.docs.count');
      // The blacklist keeps the node's own indices.* and the _all totals, and drops each index's.
      expect(names.filter((name) => name.startsWith('indices.') && !/^indices\.(_all\.|datastore\.|docs\.)/.test(name))).toEqual([]);
      expect(replay.unanswered).toEqual([]);
    } finally {
      await replay.close();
    }
  }, 30_000);

  it('a JolokiaCollector section that sets only `path` keeps the URL Diamond requested (jolokia_path defaults to path)', async () => {
    const { doc, code } = await importCollectorConf('JolokiaCollector', (text) => text.replace(/^jolokia_path = .*$/m, ''));
    expect(code).toBe(0);
    expect(doc.collectors.jolokia).toMatchObject({ path: 'jmx', jolokia_path: 'jmx' });
  }, 30_000);

  it("JolokiaCollector.conf imports to jolokia (path jmx, jolokia_path, mbeans as a pattern), and runs against Diamond's recorded answers", async () => {
    const replay = await startReplayServer('http');
    const recorded = (name: string): string => readFileSync(path.join(REPO, 'conformance/diamond/jolokia', name), 'utf8');
    replay.answer({
      'GET /jolokia/list?maxDepth=1&maxCollectionSize=0': recorded('listing'),
      'GET /jolokia/?maxCollectionSize=0&ignoreErrors=true&canonicalNaming=true&p=read%2Fjava.lang%3A%2A': recorded('stats'),
    });
    try {
      const { dir, out, stderr, code, doc } = await importCollectorConf('JolokiaCollector', (text) =>
        text.replace('host = localhost', `host = ${replay.host}`).replace('port = 8778', `port = ${replay.port}`),
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(doc.collectors.jolokia).toEqual({ host: replay.host, port: replay.port, path: 'jmx', jolokia_path: 'jolokia', mbeans: ['java.*'], regex: true });
      const collected = await runCli(['collect', 'jolokia', '--config', out, '--json'], { cwd: dir });
      expect(collected.code).toBe(0);
      const paths = collected.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { path: string }).path);
      expect(paths).toHaveLength(25);
      expect(paths.every((p) => /^servers\.[^.]+\.jmx\.java\.lang\.name_ParNew\.type_GarbageCollector\./.test(p))).toBe(true);
      expect(replay.unanswered).toEqual([]);
    } finally {
      await replay.close();
    }
  }, 30_000);

  it('CassandraJolokiaCollector.conf imports to cassandrajolokia (its long metrics blacklist included), and runs against a Cassandra read of its own', async () => {
    const replay = await startReplayServer('http');
    const read = {
      status: 200,
      value: {
        'org.apache.cassandra.metrics:name=Latency,scope=Read,type=ClientRequest': { Count: 1200, OneMinuteRate: 2.5, Mean: 310.5 },
        'org.apache.cassandra.metrics:name=Load,type=Storage': { Count: 52428800 },
      },
    };
    replay.answer({
      'GET /jolokia/list?maxDepth=1&maxCollectionSize=0': JSON.stringify({ status: 200, value: { 'org.apache.cassandra.metrics': {}, jolokia: {} } }),
      'GET /jolokia/?maxCollectionSize=0&ignoreErrors=true&canonicalNaming=true&p=read%2Forg.apache.cassandra.metrics%3A%2A': JSON.stringify(read),
    });
    try {
      const { dir, out, stderr, code, doc } = await importCollectorConf('CassandraJolokiaCollector', (text) =>
        text.replace('host = localhost', `host = ${replay.host}`).replace('port = 8778', `port = ${replay.port}`),
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(doc.collectors.cassandrajolokia).toMatchObject({ path: 'cassandra', jolokia_path: 'jolokia', mbeans: ['org.apache.cassandra.metrics'] });
      const collected = await runCli(['collect', 'cassandrajolokia', '--config', out, '--json'], { cwd: dir });
      expect(collected.code).toBe(0);
      const published = collected.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { name: string; value: number });
      // The stock blacklist drops counts, means and the slower rates: the one-minute rate is left.
      expect(published.map((s) => s.name)).toEqual(['org.apache.cassandra.metrics.name_Latency.scope_Read.type_ClientRequest.OneMinuteRate']);
      expect(replay.unanswered).toEqual([]);
    } finally {
      await replay.close();
    }
  }, 30_000);

  it("KafkaConsumerLagCollector.conf imports to kafkaconsumerlag, and runs Diamond's recorded ConsumerOffsetChecker output from a stand-in kafka-run-class.sh", async () => {
    const fixture = path.join(REPO, 'packages/collectors/kafkaconsumerlag/test/fixtures/consumer_lag_check');
    const { dir, out, stderr, code, doc } = await importCollectorConf('KafkaConsumerLagCollector');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(doc.collectors.kafkaconsumerlag).toEqual({
      bin: '/opt/kafka/bin/kafka-run-class.sh',
      zookeeper: ['zoo1:2181', 'zoo2:2181'],
      consumer_groups: ['test_consumer_group_1', 'test_consumer_group_2'],
    });
    const bin = path.join(dir, 'kafka-run-class.sh');
    writeFileSync(bin, `#!/bin/sh\ncat ${fixture}\n`);
    chmodSync(bin, 0o755);
    writeFileSync(out, readFileSync(out, 'utf8').replace('/opt/kafka/bin/kafka-run-class.sh', bin));
    const collected = await runCli(['collect', 'kafkaconsumerlag', '--config', out, '--json'], { cwd: dir });
    expect(collected.code).toBe(0);
    const published = collected.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { name: string; value: number });
    expect(published).toHaveLength(2 * 12);
    expect(published.find((s) => s.name === 'stage_nginx_access.nginx_access.7')?.value).toBe(52);
  }, 30_000);

  it.skipIf(!haveSnmpd)(
    "SNMPCollector.conf and SNMPInterfaceCollector.conf import with their devices, and run against an snmpd of the test's own",
    async () => {
      const snmpd = await startSnmpd();
      try {
        const plain = await importCollectorConf('SNMPCollector', (text) =>
          text.replace('host = localhost', `host = ${snmpd.host}`).replace('port = 161', `port = ${snmpd.port}`),
        );
        expect(plain.stderr).toBe('');
        expect(plain.code).toBe(0);
        expect(plain.doc.collectors.snmp).toEqual({
          interval: 60,
          devices: {
            'my-identification-for-this-host': {
              host: snmpd.host,
              port: String(snmpd.port),
              community: 'public',
              oids: {
                '1.3.6.1.4.1.2021.10.1.3.1': 'cpu.load.1min',
                '1.3.6.1.4.1.2021.10.1.3.2': 'cpu.load.5min',
                '1.3.6.1.4.1.2021.10.1.3.3': 'cpu.load.10min',
              },
            },
          },
        });
        const loads = await runCli(['collect', 'snmp', '--config', plain.out, '--json'], { cwd: plain.dir });
        expect(loads.code).toBe(0);
        expect(
          loads.stdout
            .trim()
            .split('\n')
            .map((line) => (JSON.parse(line) as { name: string }).name)
            .sort(),
        ).toEqual([
          'devices.my-identification-for-this-host.cpu.load.10min',
          'devices.my-identification-for-this-host.cpu.load.1min',
          'devices.my-identification-for-this-host.cpu.load.5min',
        ]);
        const interfaces = await importCollectorConf('SNMPInterfaceCollector', (text) =>
          text.replaceAll(/host = router\d\.example\.com/g, `host = ${snmpd.host}`).replaceAll('port = 161', `port = ${snmpd.port}`),
        );
        expect(interfaces.stderr).toBe('');
        expect(interfaces.code).toBe(0);
        expect(interfaces.doc.collectors.snmpinterface).toMatchObject({ path: 'interface', interval: 60, retries: 3, request_timeout: 5 });
        const counted = await runCli(['collect', 'snmpinterface', '--config', interfaces.out, '--json'], { cwd: interfaces.dir });
        expect(counted.code).toBe(0);
        const names = counted.stdout
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { path: string }).path);
        expect(names.some((p) => /\.interface\.devices\.router1\.interface\.\w+\.ifInErrors$/.test(p))).toBe(true);
        expect(names.some((p) => /\.devices\.router2\./.test(p))).toBe(true);
      } finally {
        await snmpd.stop();
      }
    },
    30_000,
  );

  it.skipIf(!havePuppetdb)(
    "PuppetDBCollector.conf imports to puppetdb, and runs against a PuppetDB of the test's own",
    async () => {
      const puppetdb = await startPuppetdb();
      try {
        await populatePuppetdb(puppetdb.url, 'web1.example.com', ['success', 'failure']);
        const { dir, out, stderr, code, doc } = await importCollectorConf('PuppetDBCollector', (text) =>
          text.replace('port = 8080', `port = ${puppetdb.port}`).replace('host = localhost', `host = ${puppetdb.host}`),
        );
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(doc.collectors.puppetdb).toEqual({ host: puppetdb.host, port: puppetdb.port });
        const collected = await runCli(['collect', 'puppetdb', '--config', out, '--json'], { cwd: dir });
        expect(collected.code).toBe(0);
        const names = collected.stdout
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { path: string }).path);
        expect(names.filter((p) => /\.PuppetDB\.(num_nodes|nodes\.status\.failures|memory\.HeapMemoryUsage\.used)$/.test(p))).toHaveLength(3);
      } finally {
        await puppetdb.stop();
      }
    },
    90_000,
  );

  it("KafkaCollector.conf imports to kafka, and runs against Diamond's recorded MX4J answers", async () => {
    const replay = await startReplayServer('http');
    const recorded = (name: string): string => readFileSync(path.join(REPO, 'conformance/diamond/kafka', name), 'utf8');
    const sbd = (q: string) => `GET /serverbydomain?querynames=${q}&template=identity`;
    const mbean = (o: string) => `GET /mbean?objectname=${o}&operations=False&constructors=False&notifications=False&template=identity`;
    replay.answer({
      [sbd('%2Akafka%2A%3A%2A')]: recorded('serverbydomain_logs_only.xml'),
      [mbean('kafka%3Atype%3Dkafka.logs.mytopic-1')]: recorded('mbean.xml'),
      [sbd('java.lang%3Atype%3DGarbageCollector%2Cname%3D%2A')]: recorded('empty.xml'),
      [sbd('java.lang%3Atype%3DThreading')]: recorded('empty.xml'),
    });
    try {
      const { dir, out, stderr, code, doc } = await importCollectorConf('KafkaCollector', (text) => `${text}\nhost = ${replay.host}\nport = ${replay.port}\n`);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(doc.collectors.kafka).toEqual({ host: replay.host, port: replay.port });
      const collected = await runCli(['collect', 'kafka', '--config', out, '--json'], { cwd: dir });
      expect(collected.code).toBe(0);
      expect(
        collected.stdout
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { name: string }).name)
          .sort(),
      ).toEqual([
        'kafka.logs.mytopic-1.CurrentOffset',
        'kafka.logs.mytopic-1.NumAppendedMessages',
        'kafka.logs.mytopic-1.NumberOfSegments',
        'kafka.logs.mytopic-1.Size',
      ]);
    } finally {
      await replay.close();
    }
  }, 30_000);

  it.skipIf(!haveZookeeper)(
    "KafkaJolokiaCollector.conf imports to kafkajolokia (its blacklist included), and runs against a broker replay and a ZooKeeper of the test's own",
    async () => {
      const [replay, zookeeper] = await Promise.all([startReplayServer('http'), startZookeeper()]);
      const read = { status: 200, value: { 'kafka.server:name=BytesInPerSec,type=BrokerTopicMetrics': { Count: 1200, MeanRate: 3.5 } } };
      replay.answer({
        'GET /jolokia/list?maxDepth=1&maxCollectionSize=0': JSON.stringify({ status: 200, value: { 'kafka.server': {} } }),
        'GET /jolokia/?maxCollectionSize=0&ignoreErrors=true&canonicalNaming=true&p=read%2Fkafka.server%3A%2A': JSON.stringify(read),
      });
      try {
        const { dir, out, stderr, code, doc } = await importCollectorConf('KafkaJolokiaCollector', (text) =>
          text
            .replace('host = localhost', `host = ${replay.host}`)
            .replace('port = 8778', `port = ${replay.port}`)
            .replace('zookeeper = localhost:2181', `zookeeper = ${zookeeper.connect}`),
        );
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(doc.collectors.kafkajolokia).toMatchObject({
          path: 'kafka',
          jolokia_path: 'jolokia',
          zookeeper: zookeeper.connect,
          bin: '/opt/kafka/bin/kafka-run-class.sh',
        });
        const collected = await runCli(['collect', 'kafkajolokia', '--config', out, '--json'], { cwd: dir });
        expect(collected.code).toBe(0);
        const names = collected.stdout
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { name: string }).name);
        // The stock blacklist drops the mean rate; the count and ZooKeeper's figures stay.
        expect(names).toContain('server.BrokerTopicMetrics._all.BytesInPerSec.Count');
        expect(names).not.toContain('server.BrokerTopicMetrics._all.BytesInPerSec.MeanRate');
        expect(names).toContain('zookeeper.zk_znode_count');
      } finally {
        await Promise.all([replay.close(), zookeeper.stop()]);
      }
    },
    60_000,
  );

  it("ConsulCollector.conf imports to consul, and runs against the Consul API documentation's sample answers", async () => {
    const replay = await startReplayServer('http');
    const fixture = (name: string): string => readFileSync(path.join(REPO, 'packages/collectors/consul/test/fixtures', `${name}.json`), 'utf8');
    replay.answer({
      'GET /v1/catalog/nodes': fixture('catalog_nodes'),
      'GET /v1/health/node/baz': fixture('health_node_baz'),
      'GET /v1/health/node/foobar': fixture('health_node_foobar'),
      'GET /v1/catalog/services': JSON.stringify({ redis: [] }),
      'GET /v1/health/service/redis': fixture('health_service_redis'),
      'GET /v1/agent/metrics': fixture('agent_metrics'),
    });
    try {
      const { dir, out, stderr, code, doc } = await importCollectorConf('ConsulCollector', (text) =>
        text.replace('http://localhost:8500', `http://${replay.host}:${replay.port}`),
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(doc.collectors.consul).toEqual({ url: `http://${replay.host}:${replay.port}` });
      const collected = await runCli(['collect', 'consul', '--config', out, '--json'], { cwd: dir });
      expect(collected.code).toBe(0);
      const values = Object.fromEntries(
        collected.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { name: string; value: number })
          .map((s) => [s.name, s.value]),
      );
      expect(values).toMatchObject({ 'catalog.nodes_critical': 1, 'service.services_passing': 1, 'counter.rpc.request': 5 });
    } finally {
      await replay.close();
    }
  }, 30_000);

  it("MongoDBCollector.conf imports to mongodb (host, simple, its blacklist), and runs against Diamond's recorded serverStatus over the wire protocol", async () => {
    const replay = await startReplayServer('mongodb');
    const recorded = (name: string): unknown => JSON.parse(readFileSync(path.join(REPO, 'conformance/diamond/mongodb', `${name}.json`), 'utf8'));
    replay.answer({
      'serverStatus admin': recorded('real_serverStatus_response'),
      'listDatabases admin': { databases: [{ name: 'app' }] },
      'dbStats app': recorded('long'),
      'listCollections app': recorded('no_collections'),
    });
    try {
      const { dir, out, stderr, code, doc } = await importCollectorConf('MongoDBCollector', (text) =>
        text.replace('host = 127.0.0.1:27017', `host = ${replay.host}:${replay.port}`),
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(doc.collectors.mongodb).toMatchObject({ host: `${replay.host}:${replay.port}`, simple: true });
      const collected = await runCli(['collect', 'mongodb', '--config', out, '--json'], { cwd: dir });
      expect(collected.code).toBe(0);
      const names = collected.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { name: string }).name);
      expect(names).toContain('connections.current');
      expect(names).toContain('globalLock.currentQueue.total');
      // simple: serverStatus' other groups are left out; the blacklist drops the databases.
      expect(names.some((name) => name.startsWith('opcounters.') || name.startsWith('databases.'))).toBe(false);
    } finally {
      await replay.close();
    }
  }, 30_000);

  it("SolrCollector.conf imports to solr, and runs against Diamond's recorded answers", async () => {
    const replay = await startReplayServer('http');
    const recorded = (name: string): string => readFileSync(path.join(REPO, 'conformance/diamond/solr', name), 'utf8');
    replay.answer({
      'GET /solr/admin/cores?action=STATUS&wt=json': recorded('cores'),
      'GET /solr/admin/ping?wt=json': recorded('ping'),
      'GET /solr/admin/mbeans?stats=true&wt=json': recorded('stats'),
      'GET /solr/admin/system?stats=true&wt=json': recorded('system'),
    });
    try {
      const { dir, out, stderr, code, doc } = await importCollectorConf('SolrCollector');
      expect([stderr, code]).toEqual(['', 0]);
      expect(doc.collectors.solr).toEqual({});
      const collected = await runCli(['collect', 'solr', '--config', out, '--set', `host=${replay.host}`, '--set', `port=${replay.port}`, '--json'], {
        cwd: dir,
      });
      expect(collected.code).toBe(0);
      expect(collected.stdout.trim().split('\n')).toHaveLength(77);
    } finally {
      await replay.close();
    }
  }, 60_000);
});
