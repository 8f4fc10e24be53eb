#!/usr/bin/env node
// A fleet of agents under one OpAMP server (issue 35): twenty `spinel run` processes on this
// machine, each with a small config (loadavg every 5 s) writing through the prometheus
// remote-write handler to Debian's VictoriaMetrics, all reporting to the OpAMP server of
// tooling/services (opamp-spec's protobuf definitions). Measured from outside, in order:
//   1. start: until all report to the server, and until VictoriaMetrics has every host's loadavg;
//   2. a rollout adding a collector (uptime): until all report APPLIED, and until a query
//      returns the new series from every host;
//   3. a broken rollout: until all report FAILED with the reason; the old config still collects;
//   4. the server stopped for 60 s: every host's samples in VictoriaMetrics over the outage, and
//      the time until all are back once it restarts (knowing nothing: they send their full state);
//   5. one agent restarted (the server still offering the broken config): it comes back with the
//      remote config it had applied (uptime), from its state directory.
// Exits non-zero if any step fails its check.
//
//   node bench/fleet.mjs
//   BENCH_AGENTS=5 BENCH_POLL=2 BENCH_OUTAGE=20 node bench/fleet.mjs
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOpampServer } from '../tooling/services/opamp-server.mjs';
import { freePort } from '../tooling/services/process.mjs';
import { startVictoriaMetrics } from '../tooling/services/victoria-metrics.mjs';
import { fmt, rssMb, shippedNode, sleep, start, stop, table } from './lib.mjs';

const CLI = fileURLToPath(new URL('../apps/agent/dist/cli.js', import.meta.url));
const NODE = process.env.BENCH_NODE ?? shippedNode() ?? process.execPath;
const AGENTS = Number(process.env.BENCH_AGENTS ?? 20);
const POLL = Number(process.env.BENCH_POLL ?? 5);
const OUTAGE = Number(process.env.BENCH_OUTAGE ?? 60);
const INTERVAL = 5;

const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

async function until(test, timeoutMs, what) {
  const begin = performance.now();
  while (!(await test())) {
    if (performance.now() - begin > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(100);
  }
  return performance.now() - begin;
}

const vm = await startVictoriaMetrics();
const port = await freePort();
let opamp = await startOpampServer({ port });
const root = mkdtempSync(path.join(os.tmpdir(), 'spinel-fleet-'));
const hosts = Array.from({ length: AGENTS }, (_, i) => `fleet-${String(i + 1).padStart(2, '0')}`);

function configOf(host) {
  const dir = path.join(root, host);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'spinel.yaml');
  writeFileSync(
    file,
    `agent:
  hostname: ${host}
  telemetry: false
  state_dir: ${path.join(dir, 'state')}
  status: { port: 0, control_socket: '' }
  opamp: { endpoint: ${opamp.url}, polling_interval: ${POLL} }
collectors:
  loadavg: { interval: ${INTERVAL}, splay: 0 }
handlers:
  prometheus-remote-write: { url: ${vm.writeUrl}, flush_interval: 0.5 }
`,
  );
  return { dir, file };
}

const agents = new Map();
function launch(host) {
  const { dir, file } = configOf(host);
  agents.set(host, start(NODE, [CLI, 'run', '--config', file], { cwd: dir }));
}

/** Hosts with a sample of `metric` newer than `sinceSec` (Unix seconds). */
async function hostsWith(metric, sinceSec) {
  const result = await vm.query(`max by (host) (timestamp(${metric}{host=~"fleet-.*"}))`);
  return new Set(result.filter((r) => Number(r.value[1]) >= sinceSec).map((r) => r.metric.host));
}
const byStatus = (hash, status) => [...opamp.agents.values()].filter((a) => a.remoteConfigStatus?.hash === hash && a.remoteConfigStatus.status === status);
const rows = [['step', 'figure']];

try {
  // 1. Start.
  const t0 = Date.now() / 1000;
  for (const host of hosts) launch(host);
  const reported = await until(() => [...opamp.agents.values()].filter((a) => a.description).length === AGENTS, 120_000, 'all agents reporting');
  const loadavgIn = await until(async () => (await hostsWith('loadavg_01', t0)).size === AGENTS, 120_000, 'loadavg from every host');
  rows.push([`start: all ${AGENTS} report to the server`, `${fmt(reported / 1000)} s`]);
  rows.push([`start: VictoriaMetrics has loadavg of all ${AGENTS}`, `${fmt(loadavgIn / 1000)} s`]);
  await sleep(3_000);
  const rss = hosts.map((h) => rssMb(agents.get(h).pid));
  rows.push(['RSS per agent (min / mean / max)', `${fmt(Math.min(...rss))} / ${fmt(rss.reduce((a, b) => a + b) / rss.length)} / ${fmt(Math.max(...rss))} MB`]);

  // 2. Rollout: add uptime.
  const good = `collectors:\n  uptime: { interval: ${INTERVAL}, splay: 0 }\n`;
  const t1 = Date.now() / 1000;
  const goodHash = opamp.offerConfig(good);
  const applied = await until(() => byStatus(goodHash, 'APPLIED').length === AGENTS, 120_000, 'all APPLIED');
  const uptimeIn = await until(async () => (await hostsWith('uptime_seconds', t1)).size === AGENTS, 120_000, 'uptime from every host');
  rows.push([`rollout (add uptime): all ${AGENTS} APPLIED`, `${fmt(applied / 1000)} s`]);
  rows.push([`rollout: a query returns uptime from all ${AGENTS} hosts`, `${fmt(Date.now() / 1000 - t1)} s (after APPLIED: ${fmt(uptimeIn / 1000)} s)`]);
  check(byStatus(goodHash, 'FAILED').length === 0, 'no agent failed the good rollout');

  // 3. Broken rollout.
  const broken = `${good}  loadavg: { interval: ${INTERVAL}, simple: maybe }\n`;
  const brokenHash = opamp.offerConfig(broken);
  const failed = await until(() => byStatus(brokenHash, 'FAILED').length === AGENTS, 120_000, 'all FAILED');
  rows.push([`broken rollout: all ${AGENTS} FAILED`, `${fmt(failed / 1000)} s`]);
  const reasons = byStatus(brokenHash, 'FAILED').map((a) => a.remoteConfigStatus.error);
  check(
    reasons.every(
      (r) => r.includes('reload refused, the running config stays') && r.includes('collectors.loadavg.simple: expected boolean (true or false), found "maybe"'),
    ),
    'every FAILED carries the reason (collectors.loadavg.simple)',
  );
  const t3 = Date.now() / 1000;
  await sleep((INTERVAL * 2 + 2) * 1000);
  check((await hostsWith('uptime_seconds', t3)).size === AGENTS, `every host still sends uptime after the broken rollout (the old config runs)`);

  // 4. The server away for the outage.
  await opamp.stop();
  const t4 = Date.now() / 1000;
  await sleep(OUTAGE * 1000);
  const t4end = Date.now() / 1000;
  const during = await vm.query(`count_over_time(loadavg_01{host=~"fleet-.*"}[${OUTAGE}s])`, t4end);
  const counts = during.map((r) => Number(r.value[1]));
  const expected = Math.floor((t4end - t4) / INTERVAL);
  rows.push([
    `server away ${OUTAGE} s: loadavg samples per host (min / max, expected ~${expected})`,
    `${Math.min(...counts)} / ${Math.max(...counts)} over ${counts.length} hosts`,
  ]);
  check(counts.length === AGENTS && Math.min(...counts) >= expected - 1, 'every host kept collecting while the server was away');
  opamp = await startOpampServer({ port });
  opamp.offerConfig(broken);
  const back = await until(() => [...opamp.agents.values()].filter((a) => a.description && a.remoteConfigStatus).length === AGENTS, 120_000, 'all back');
  rows.push([`server back (knowing nothing): all ${AGENTS} reported in full`, `${fmt(back / 1000)} s`]);

  // 5. One agent restarted.
  const host = hosts[0];
  const before = [...opamp.agents.values()].find((a) => a.description?.nonIdentifying['host.name'] === host);
  await stop(agents.get(host));
  check(
    before?.disconnected === true || [...opamp.agents.values()].some((a) => a.instanceUid === before?.instanceUid && a.disconnected),
    `${host} said goodbye (agent_disconnect)`,
  );
  const t5 = Date.now() / 1000;
  launch(host);
  const again = await until(async () => (await hostsWith('uptime_seconds', t5)).has(host), 60_000, `${host} back with uptime`);
  const record = opamp.agents.get(before?.instanceUid);
  rows.push([`one agent restarted: uptime from it again`, `${fmt(again / 1000)} s`]);
  check(
    record !== undefined && (record.effectiveConfig?.[''] ?? '').includes('uptime:'),
    `${host} kept its instance id and runs the remote config it had (uptime)`,
  );
  check(opamp.violations.length === 0, `no protocol violations (${opamp.violations.length})`);
} catch (error) {
  failures.push(error.message);
  console.error(error);
} finally {
  await Promise.all([...agents.values()].map((a) => stop(a)));
  await opamp.stop();
  await vm.stop();
}

console.log(
  `\n${AGENTS} agents on ${NODE === process.execPath ? `node ${process.versions.node}` : NODE}, polling every ${POLL} s, collectors every ${INTERVAL} s`,
);
console.log(table(rows));
if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed:\n${failures.join('\n')}`);
  process.exit(1);
}
