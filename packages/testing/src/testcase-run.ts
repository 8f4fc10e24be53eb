import dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CollectorDefinition, OptionsSchema } from '@spinel/sdk';
import { CollectorHarness, type StepResult } from './collector-harness.js';
import { startReplayServer, type ReplayServer } from './replay/replay-server.js';
import type { StepServe, Testcase, TestcaseRun } from './testcases.js';

type Address = Pick<ReplayServer, 'host' | 'port'> & { socket?: string | undefined };

/**
 * Options with their placeholders filled, at any depth: `{replay}` (host:port), `{replay.host}`,
 * `{replay.socket}`, `{case}` (the case folder) and `{listen.port}` inside strings, and
 * `{replay.port}` or `{listen.port}` alone as the port number; a named server is `{replay:<name>}`,
 * `{replay:<name>.host}` and `{replay:<name>.port}`.
 */
export function fillPlaceholders(
  options: Record<string, unknown>,
  where: { replay?: Address | undefined; named?: Readonly<Record<string, Address>>; caseDir?: string; listenPort?: number | undefined },
): Record<string, unknown> {
  const servers = new Map<string, Address>(Object.entries(where.named ?? {}).map(([name, server]) => [`replay:${name}`, server]));
  if (where.replay) servers.set('replay', where.replay);
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value === '{listen.port}' && where.listenPort !== undefined) return where.listenPort;
      const port = /^\{(replay(?::[\w-]+)?)\.port\}$/.exec(value);
      const alone = port?.[1] === undefined ? undefined : servers.get(port[1]);
      if (alone) return alone.port;
      let out = value.replace(/\{(replay(?::[\w-]+)?)(\.host|\.port|\.socket)?\}/g, (whole, name: string, part: string | undefined) => {
        const server = servers.get(name);
        if (!server) return whole;
        if (part === '.socket') return server.socket ?? whole;
        return part === '.host' ? server.host : part === '.port' ? String(server.port) : `${server.host}:${server.port}`;
      });
      if (where.caseDir !== undefined) out = out.replaceAll('{case}', where.caseDir);
      if (where.listenPort !== undefined) out = out.replaceAll('{listen.port}', String(where.listenPort));
      return out;
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fill(inner)]));
    return value;
  };
  return fill(options) as Record<string, unknown>;
}

/** Set to the running step's folder, for a stand-in command that answers each step from its own files. */
export const STEP_VARIABLE = 'SPINEL_TESTCASE_STEP';

/** Runs a testcase's steps on one collector instance (with its replay server, when it has one) and returns the last step. */
export async function runTestcase<S extends OptionsSchema>(definition: CollectorDefinition<S, unknown>, testcase: Testcase): Promise<TestcaseRun> {
  const kinds = new Map<string, StepServe>();
  for (const step of testcase.steps) for (const [name, serve] of Object.entries(step.servers)) kinds.set(name, serve);
  const servers = new Map<string, ReplayServer>();
  const socketDir = [...kinds.values()].some((serve) => serve.socket) ? mkdtempSync(path.join(os.tmpdir(), 'spinel-replay-')) : undefined;
  try {
    for (const [name, serve] of kinds)
      servers.set(name, await startReplayServer(serve.protocol, socketDir && serve.socket ? { socket: path.join(socketDir, `${name || 'replay'}.sock`) } : {}));
    const named = Object.fromEntries([...servers].filter(([name]) => name !== ''));
    const sends = testcase.steps.some((step) => step.datagrams.length > 0);
    const listenPort = sends ? await freeUdpPort() : undefined;
    const options = fillPlaceholders(testcase.options, { replay: servers.get(''), named, caseDir: testcase.dir, listenPort });
    const harness = new CollectorHarness(definition, { options, settings: { interval: testcase.interval } });
    try {
      if (listenPort !== undefined) await harness.start();
      let last: StepResult | undefined;
      const before = process.env[STEP_VARIABLE];
      try {
        for (const [index, step] of testcase.steps.entries()) {
          for (const [name, server] of servers) server.answer(step.servers[name]?.answers ?? {});
          process.env[STEP_VARIABLE] = step.dir;
          if (listenPort !== undefined) await sendDatagrams(listenPort, step.datagrams);
          if (index > 0 && [...kinds.values()].some((serve) => serve.protocol === 'mqtt')) await oneTimerTurn();
          last = await harness.step({ time: 1_700_000_000 + index * testcase.interval, ...step.input });
        }
      } finally {
        if (before === undefined) delete process.env[STEP_VARIABLE];
        else process.env[STEP_VARIABLE] = before;
      }
      if (!last) throw new Error(`testcase ${testcase.name} has no steps`);
      for (const [name, server] of servers)
        if (server.port > 0) last = withPortPlaceholder(last, server.port, name === '' ? '{replay_port}' : `{replay_${name}_port}`);
      return {
        ...last,
        unanswered: [...new Set([...servers].flatMap(([name, server]) => server.unanswered.map((request) => (name === '' ? request : `${name}: ${request}`))))],
      };
    } finally {
      await harness.close();
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.close()));
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
  }
}

/**
 * The step with a replay server's port written `{replay_port}` (`{replay_<name>_port}` for a named one: one path segment) in names, paths and dimensions:
 * a collector that names a series after its URL (`http__127_0_0_1_41234_.time`) gets one name
 * in the golden, whatever free port the server had.
 */
function withPortPlaceholder(step: StepResult, port: number, placeholder: string): StepResult {
  const text = String(port);
  const fix = (value: string): string => value.replaceAll(text, placeholder);
  const samples = step.samples.map((s) => ({
    ...s,
    name: fix(s.name),
    path: fix(s.path),
    dimensions: s.dimensions && Object.fromEntries(Object.entries(s.dimensions).map(([k, v]) => [k, fix(v)])),
  }));
  const checks = new Map([...step.checks].map(([name, ttl]) => [fix(name), ttl]));
  return { ...step, samples, checks, values: new Map(samples.map((s) => [s.name, s.value])) };
}

/** A UDP port nothing holds now, for a collector that listens (`{listen.port}` in options). */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/**
 * Sends each datagram to 127.0.0.1:port, then waits for a timer: on loopback a sent datagram is
 * already in the listener's queue, and the event loop's poll reads a ready socket (up to 32
 * datagrams a turn, so a step sends few, each many lines) before a timer set after the send runs.
 */
async function sendDatagrams(port: number, datagrams: readonly Buffer[]): Promise<void> {
  if (datagrams.length === 0) return;
  if (datagrams.length > 32) throw new Error(`a step sends ${datagrams.length} datagrams; put lines together (at most 32 datagrams a step)`);
  const socket = dgram.createSocket('udp4');
  try {
    for (const datagram of datagrams)
      await new Promise<void>((resolve, reject) => socket.send(datagram, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  } finally {
    socket.close();
  }
  await oneTimerTurn();
}

/** Lets the event loop read what is already waiting on loopback sockets (pushed MQTT messages, sent datagrams) before the step runs. */
function oneTimerTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
