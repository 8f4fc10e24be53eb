// One agent process and the OpAMP server of tooling/ (opamp-spec's protobuf definitions): what
// the agent reports, remote configs applied, refused, kept across a restart without the server,
// reconnection, the instance id's life, TLS with client certificates and header redaction.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpampServer, type OpampAgentRecord, type OpampServer } from '../../../tooling/services/opamp-server.mjs';
import { freePort } from '../../../tooling/services/process.mjs';
import { makeCertificates } from '../../../tooling/services/tls-certs.mjs';
import { archiveLines, runCli, startAgent, tempDir, waitFor, writeConfig, type RunningAgent } from './helpers.js';

const TOKEN = 'Bearer fleet-token-7f3a9c1e55d2';

interface Setup {
  dir: string;
  file: string;
  archive: string;
  stateDir: string;
}

/** A config reporting to `endpoint`, with loadavg every second into an archive. */
function setup(name: string, endpoint: string, opampExtra = ''): Setup {
  const dir = tempDir(name);
  const archive = path.join(dir, 'archive.log');
  const stateDir = path.join(dir, 'state');
  const file = writeConfig(
    dir,
    `agent:
  hostname: fleethost
  state_dir: ${stateDir}
  status: { port: 0, control_socket: '' }
  opamp:
    endpoint: ${endpoint}
    headers: { Authorization: ${TOKEN} }
    polling_interval: 1
${opampExtra}
collectors:
  loadavg: { interval: 1, splay: 0 }
handlers:
  archive: { path: ${archive} }
`,
  );
  return { dir, file, archive, stateDir };
}

const only = (server: OpampServer): OpampAgentRecord | undefined => [...server.agents.values()][0];
const hasPath = (archive: string, name: string): boolean => archiveLines(archive).some(([p]) => p === name);
const lineCount = (archive: string, name: string): number => archiveLines(archive).filter(([p]) => p === name).length;

async function statusOf(server: OpampServer, hash: string, timeoutMs = 20_000): Promise<NonNullable<OpampAgentRecord['remoteConfigStatus']>> {
  await server.waitFor(
    (agents) => agents.some((a) => a.remoteConfigStatus?.hash === hash && a.remoteConfigStatus.status !== 'APPLYING'),
    timeoutMs,
    `the status of remote config ${hash.slice(0, 12)}`,
  );
  const status = only(server)?.remoteConfigStatus;
  if (!status) throw new Error('no status');
  return status;
}

describe('OpAMP: one agent', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const started = (agent: RunningAgent): RunningAgent => {
    cleanups.push(() => agent.stop());
    return agent;
  };
  const serving = async (options: Parameters<typeof startOpampServer>[0]): Promise<OpampServer> => {
    const server = await startOpampServer(options);
    cleanups.push(() => server.stop());
    return server;
  };

  it('reports its description, health and redacted effective config; applies a remote config, refuses bad ones and keeps the last good', async () => {
    const server = await serving({ headers: { authorization: TOKEN } });
    const run = setup('opamp-apply', server.url);
    const agent = started(startAgent(run.file, run.dir));
    await server.waitFor((a) => a.some((r) => r.description && r.health && r.effectiveConfig), 20_000, 'a full report');
    const record = only(server);
    expect(record?.description?.identifying).toMatchObject({ 'service.name': 'io.spinel.agent', 'service.version': expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(record?.description?.identifying['service.instance.id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(record?.description?.nonIdentifying).toMatchObject({ 'host.name': 'fleethost', 'os.type': 'linux', 'process.runtime.name': 'nodejs' });
    expect(record?.description?.nonIdentifying['spinel.plugins']).toEqual(expect.arrayContaining([expect.stringMatching(/^@spinel\/collector-loadavg@\d/)]));
    await server.waitFor((a) => a[0]?.health?.component_health_map?.collectors?.component_health_map?.loadavg?.healthy === true, 10_000, 'loadavg healthy');
    expect(record?.health).toMatchObject({ healthy: true, status: 'running' });
    const effective = record?.effectiveConfig?.[''] ?? '';
    expect(effective).toContain('loadavg:');
    expect(effective).toMatch(/Authorization: <redacted>/);
    expect(effective).not.toContain('fleet-token');

    // A collector added remotely: APPLIED, its lines arrive, loadavg keeps running in its worker.
    await waitFor(() => hasPath(run.archive, 'servers.fleethost.loadavg.01'), 20_000, 'loadavg lines');
    const added = server.offerConfig('collectors:\n  uptime: { interval: 1, splay: 0 }\n');
    expect(await statusOf(server, added)).toMatchObject({ status: 'APPLIED', error: '' });
    await waitFor(() => hasPath(run.archive, 'servers.fleethost.uptime.seconds'), 20_000, 'uptime lines');
    expect(agent.output().stderr).toMatch(
      /config reloaded from .*spinel\.yaml with remote config [0-9a-f]{12} from http.*: collectors: 1 added \(uptime\); handlers: unchanged/,
    );
    await server.waitFor((a) => (a[0]?.effectiveConfig?.[''] ?? '').includes('uptime:'), 10_000, 'the effective config with uptime');
    const saved = path.join(run.stateDir, 'remote-config.json');
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ hash: added, text: expect.stringContaining('uptime') });
    expect(statSync(saved).mode & 0o777).toBe(0o600);

    // A collector that fails: the server sees it failing with its error, and the agent degraded.
    const failing = server.offerConfig(
      'collectors:\n  uptime: { interval: 1, splay: 0 }\n  httpjson: { interval: 1, splay: 0, url: "http://127.0.0.1:1/stat" }\n',
    );
    expect((await statusOf(server, failing)).status).toBe('APPLIED');
    await server.waitFor((a) => a[0]?.health?.healthy === false, 20_000, 'the agent degraded');
    const health = only(server)?.health;
    expect(health).toMatchObject({ status: 'degraded', last_error: 'collectors: 1 of 3 failing' });
    expect(health?.component_health_map?.collectors?.component_health_map?.httpjson).toMatchObject({ healthy: false, status: 'failing' });
    expect(health?.component_health_map?.collectors?.component_health_map?.httpjson?.last_error).toMatch(/ECONNREFUSED|127\.0\.0\.1:1/);
    expect(health?.component_health_map?.handlers).toMatchObject({ healthy: true, status: 'running' });

    // Refused, each with the message `config check` gives, and the last good config runs on. The
    // module a path names is never loaded (loading runs its code).
    writeFileSync(path.join(run.dir, 'evil.mjs'), "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./loaded', import.meta.url), 'x');\n");
    const refusals: Array<[string, RegExp]> = [
      [
        'collectors:\n  loadavg: { simple: maybe }\n',
        /remote config [0-9a-f]{12} from .*: collectors\.loadavg\.simple: expected boolean \(true or false\), found "maybe"/,
      ],
      [
        'collectors:\n  userscripts: { scripts_path: /tmp }\n',
        /collectors\.userscripts\.plugin: expected a plugin that only reads metrics .*allow_privileged.*found @spinel\/collector-userscripts, which runs every executable/,
      ],
      [
        'collectors:\n  mine: { plugin: ./evil.mjs }\n',
        /collectors\.mine\.plugin: expected a plugin package agent\.opamp\.allow_plugins lets a remote config use \(@spinel\/\*\), found "\.\/evil\.mjs"/,
      ],
      ['agent:\n  hostname: stolen\n', /agent: expected only collectors and handlers \(agent settings are the local file’s alone\)/],
      ['collectors:\n  uptime: { path_prefix: "${HOME}" }\n', /no \$\{VAR\} references/],
      ['handlers:\n  archive: { spool_dir: /tmp/x }\n', /handlers\.archive\.spool_dir: expected no spool_dir in a remote config/],
      ['collectors: [1, 2\n', /expected valid YAML or JSON/],
    ];
    for (const [text, reason] of refusals) {
      const hash = server.offerConfig(text);
      const status = await statusOf(server, hash);
      expect(status.status, text).toBe('FAILED');
      expect(status.error, text).toMatch(/^reload refused, the running config stays:\n/);
      expect(status.error, text).toMatch(reason);
    }
    const before = lineCount(run.archive, 'servers.fleethost.uptime.seconds');
    await waitFor(() => lineCount(run.archive, 'servers.fleethost.uptime.seconds') >= before + 2, 10_000, 'uptime still collected');
    expect(JSON.parse(readFileSync(saved, 'utf8')).hash).toBe(failing);
    expect(existsSync(path.join(run.dir, 'loaded'))).toBe(false);
    expect(agent.output().stderr).not.toContain('fleet-token');
    expect(server.violations).toEqual([]);
  }, 90_000);

  it('keeps the applied config across a restart without the server, reconnects, and keeps its instance id until the machine id changes', async () => {
    const port = await freePort();
    let server = await serving({ port });
    const run = setup('opamp-persist', server.url);
    let agent = startAgent(run.file, run.dir);
    const added = server.offerConfig('collectors:\n  uptime: { interval: 1, splay: 0 }\n');
    expect((await statusOf(server, added)).status).toBe('APPLIED');
    const id = only(server)?.instanceUid;
    await agent.stop();
    expect(only(server)?.disconnected).toBe(true);
    await server.stop();

    // No server: the agent starts with the remote config it applied, and says it cannot poll.
    writeFileSync(run.archive, '');
    agent = started(startAgent(run.file, run.dir));
    await waitFor(() => hasPath(run.archive, 'servers.fleethost.uptime.seconds'), 20_000, 'uptime lines without the server');
    await waitFor(() => agent.output().stderr.includes('OpAMP poll failed; retrying (collection goes on)'), 10_000, 'the poll failure');
    expect(agent.output().stderr).toMatch(
      /remote config [0-9a-f]{12} from http:\/\/127\.0\.0\.1:\d+\/v1\/opamp: collectors: 1 added|agent started collectors=loadavg,uptime/,
    );

    // The server is back on its port, knowing nothing: the agent reconnects with its full state.
    server = await serving({ port });
    await server.waitFor((a) => a.some((r) => r.remoteConfigStatus?.status === 'APPLIED' && r.description !== undefined), 20_000, 'the agent back');
    expect(only(server)?.instanceUid).toBe(id);
    expect(only(server)?.remoteConfigStatus?.hash).toBe(added);
    await waitFor(() => agent.output().stderr.includes('OpAMP server reachable again'), 10_000, 'the reconnection log');
    await agent.stop();

    // A cloned disk image: the machine id differs from the one the id was made on.
    const idFile = path.join(run.stateDir, 'instance-id.json');
    writeFileSync(idFile, JSON.stringify({ ...JSON.parse(readFileSync(idFile, 'utf8')), machine_id: 'another-machine' }));
    server.agents.clear();
    agent = started(startAgent(run.file, run.dir));
    await server.waitFor((a) => a.length === 1, 20_000, 'the cloned agent');
    expect(only(server)?.instanceUid).not.toBe(id);
    expect(agent.output().stderr).toContain('the machine id changed since it was made (a cloned disk image?)');
    await agent.stop();

    // A corrupt file is set aside, not fatal.
    writeFileSync(idFile, '{ not json');
    server.agents.clear();
    agent = started(startAgent(run.file, run.dir));
    await server.waitFor((a) => a.length === 1, 20_000, 'the agent after a corrupt id file');
    expect(agent.output().stderr).toMatch(/instance-id\.json did not parse as JSON; kept as .*instance-id\.json\.corrupt-\d+/);
    expect(server.violations).toEqual([]);
  }, 90_000);

  it('speaks TLS with a CA file and a client certificate, waits as Retry-After says, and stops at config check without a state directory', async () => {
    const certs = makeCertificates(tempDir('opamp-certs'));
    const server = await serving({ tls: { cert: certs.cert, key: certs.key, ca: certs.ca } });
    const tls = `    ca_file: ${certs.files.ca}\n    cert_file: ${certs.files.clientCert}\n    key_file: ${certs.files.clientKey}`;
    const run = setup('opamp-tls', server.url, tls);
    const agent = started(startAgent(run.file, run.dir));
    await server.waitFor((a) => a.some((r) => r.description !== undefined), 20_000, 'the agent over TLS');

    server.unavailable = 3;
    await waitFor(() => /OpAMP poll failed; retrying \(collection goes on\) .*HTTP 503.* retry_in_s=3\b/.test(agent.output().stderr), 10_000, 'the 503');
    server.unavailable = undefined;
    await waitFor(() => agent.output().stderr.includes('OpAMP server reachable again'), 10_000, 'the poll after Retry-After');

    // Without the client certificate the server refuses the handshake.
    const bare = setup('opamp-tls-bare', server.url, `    ca_file: ${certs.files.ca}`);
    const refused = started(startAgent(bare.file, bare.dir));
    await waitFor(() => refused.output().stderr.includes('OpAMP poll failed'), 20_000, 'the refused handshake');
    expect([...server.agents.values()].length).toBe(1);

    const noState = tempDir('opamp-nostate');
    const file = writeConfig(noState, `agent:\n  opamp: { endpoint: 'ftp://example.com', cert_file: /nonexistent.pem }\n`);
    const check = await runCli(['config', 'check', file], { env: { STATE_DIRECTORY: '' } });
    expect(check.code).toBe(78);
    expect(check.stderr).toContain(`${file}: agent.opamp.endpoint: expected an http:// or https:// URL, found "ftp://example.com"`);
    expect(check.stderr).toMatch(/agent\.state_dir: expected a directory for the instance id and the last remote config/);
    expect(check.stderr).toMatch(/agent\.opamp\.key_file: expected cert_file and key_file together/);
    expect(check.stderr).toMatch(/agent\.opamp\.cert_file: expected a readable PEM file, found .*ENOENT/);
    const fleetYaml = writeConfig(noState, 'collectors:\n  userscripts: { scripts_path: /tmp }\n', 'fleet.yaml');
    const remoteCheck = await runCli(['config', 'check', run.file, '--remote', fleetYaml]);
    expect(remoteCheck.code).toBe(78);
    expect(remoteCheck.stderr).toContain(`${fleetYaml} (as a remote config): collectors.userscripts.plugin: expected a plugin that only reads metrics`);
    writeFileSync(fleetYaml, 'collectors:\n  uptime: {}\n');
    const remoteOk = await runCli(['config', 'check', run.file, '--remote', fleetYaml]);
    expect(remoteOk.stdout).toContain('ok (collectors: loadavg, uptime; handlers: archive)');
    const print = await runCli(['config', 'print', run.file]);
    expect(print.stdout).toMatch(/headers:\n\s+Authorization: <redacted>/);
    expect(print.stdout).not.toContain('fleet-token');
    expect(server.violations).toEqual([]);
  }, 90_000);
});
