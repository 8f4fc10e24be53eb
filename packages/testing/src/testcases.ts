import dgram from 'node:dgram';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { CollectorDefinition, FilesystemStats, MetricType, OptionsSchema } from '@spinel/sdk';
import { CollectorHarness, type StepInput, type StepResult } from './collector-harness.js';
import { startReplayServer, type ReplayAnswer, type ReplayProtocol, type ReplayServer } from './replay/replay-server.js';

/**
 * One published sample as a golden holds it: its value (exact, to `places`, or only `between`
 * two bounds for what no fixture fixes, such as a response time), its type and its dimensions
 * (none when absent). `path` is given only where it is not `servers.testhost.<collector>.<name>`.
 */
export interface ExpectedSample {
  value?: number;
  places?: number;
  between?: [number, number];
  type: MetricType;
  dimensions?: Record<string, string>;
  path?: string;
}

/** Expected value: a whole sample, or (older fixtures) a value alone: exact or `[value, places]` as Python's assertAlmostEqual. */
export type Expected = number | [number, number] | ExpectedSample;

/** What a step's recorded server answers: the protocol and, by request, the answer's file. */
export interface StepServe {
  protocol: ReplayProtocol;
  answers: Record<string, ReplayAnswer>;
  /** Listen on a unix socket (options name it `{replay.socket}`) instead of a TCP port. */
  socket: boolean;
}

/** A step's recorded servers by name: `''` is the one options call `{replay}`, others `{replay:<name>}`. */
export type StepServers = Record<string, StepServe>;

/** One run of a testcase: its host files, its statfs table and what the replay server answers. */
export interface TestcaseStep {
  dir: string;
  input: Omit<StepInput, 'time'>;
  servers: StepServers;
  /** Datagrams sent to the collector's `{listen.port}` before the step runs (`send.json`: `{ "udp": ["<file>", ...] }`, a file a datagram). */
  datagrams: Buffer[];
}

export interface Testcase {
  name: string;
  dir: string;
  options: Record<string, unknown>;
  steps: TestcaseStep[];
  expected: Record<string, Expected>;
  /** Check-ins of the last step, name to ttl: the whole set (`expected.json`'s `checks`). */
  checks: Record<string, number>;
  /** Names that must not be published in the last step. */
  absent: string[];
  /** Text the last step's error must contain: the run fails and still publishes what it could. Absent: the run succeeds. */
  error: string | undefined;
  interval: number;
}

/** The last step of a testcase run, with what the collector asked the replay server that the recording lacks. */
export type TestcaseRun = StepResult & { unanswered: string[] };

/**
 * Reads Telegraf-style fixtures: `testcases/<case>/` holding `options.yaml` (optional), one
 * step's input in the case folder or several in `steps/<n>/` (run in order, one interval apart),
 * and `expected.json`: `{ "samples": { "<short name>": { value, places, type, dimensions } } }`,
 * the whole output of the last step and, where it fails, `error`, text its message contains (golden: `pnpm testcases:update` rewrites it from a run; read
 * the diff). A step's input: host files (`proc/`, `sys/`, `etc/`), what statfs answers
 * (`statfs.json`, by path) and recorded servers (`serve.json`: `{ "protocol": "http",
 * "answers": { "GET /path": "<file>" }, "named": { "<name>": { protocol, answers } } }`, files
 * beside it, `.json` ones parsed; `"socket": true` listens on a unix socket, `{replay.socket}`)
 * and datagrams for a listening collector (`send.json`, sent to `{listen.port}` before the step). Options may
 * name a replay server (`{replay}` is host:port, `{replay.host}`, `{replay.port}`; `{replay:<name>}` ...) and the
 * case folder (`{case}`, for stand-in commands kept there, which find the running step's folder
 * in `$SPINEL_TESTCASE_STEP`); the server's port in a published name
 * is `{replay_port}` in the golden.
 */
export function readTestcases(dir: string): Testcase[] {
  return caseFolders(dir).map(({ name, caseDir, options }) => {
    const stepsDir = path.join(caseDir, 'steps');
    const stepDirs = existsSync(stepsDir)
      ? readdirSync(stepsDir)
          .sort()
          .map((s) => path.join(stepsDir, s))
      : [caseDir];
    const expected = JSON.parse(readFileSync(path.join(caseDir, 'expected.json'), 'utf8')) as { samples?: Record<string, Expected>; checks?: Record<string, number>; absent?: string[]; error?: string; interval?: number };
    return { name, dir: caseDir, options, steps: stepDirs.map(readStep), expected: expected.samples ?? {}, checks: expected.checks ?? {}, absent: expected.absent ?? [], error: expected.error, interval: expected.interval ?? 10 };
  });
}

function readStep(dir: string): TestcaseStep {
  const tree = (name: string): { dir: string } | undefined => (existsSync(path.join(dir, name)) ? { dir: path.join(dir, name) } : undefined);
  const input: Omit<StepInput, 'time'> = {};
  for (const name of ['proc', 'sys', 'etc'] as const) {
    const found = tree(name);
    if (found) input[name] = found;
  }
  const statfsFile = path.join(dir, 'statfs.json');
  if (existsSync(statfsFile)) input.statfs = JSON.parse(readFileSync(statfsFile, 'utf8')) as Record<string, FilesystemStats>;
  return { dir, input, servers: readServe(dir), datagrams: readDatagrams(dir) };
}

function readDatagrams(dir: string): Buffer[] {
  const file = path.join(dir, 'send.json');
  if (!existsSync(file)) return [];
  const send = JSON.parse(readFileSync(file, 'utf8')) as { udp?: unknown };
  if (!Array.isArray(send.udp) || !send.udp.every((name) => typeof name === 'string')) throw new Error(`${file}: expected { "udp": ["<file sent as one datagram>", ...] }`);
  return (send.udp as string[]).map((name) => readFileSync(path.join(dir, name)));
}

function readServe(dir: string): StepServers {
  const file = path.join(dir, 'serve.json');
  if (!existsSync(file)) return {};
  type Serve = { protocol?: ReplayProtocol; answers?: Record<string, string>; socket?: boolean };
  const serve = JSON.parse(readFileSync(file, 'utf8')) as Serve & { named?: Record<string, Serve> };
  const one = (name: string, server: Serve): [string, StepServe] => {
    if (!server.protocol || !server.answers) throw new Error(`${file}${name ? ` (named.${name})` : ''}: expected { "protocol": "http" | "redis" | ..., "answers": { "<request>": "<file>" } }`);
    return [name, { protocol: server.protocol, answers: replayAnswers(dir, server.answers), socket: server.socket === true }];
  };
  return Object.fromEntries([...(serve.protocol || serve.answers ? [one('', serve)] : []), ...Object.entries(serve.named ?? {}).map(([name, server]) => one(name, server))]);
}

/** Recorded answers by request, each read from its file under `dir`: a `.json` file parsed (rows, a list, a document), any other as text. */
export function replayAnswers(dir: string, files: Record<string, string>): Record<string, ReplayAnswer> {
  return Object.fromEntries(
    Object.entries(files).map(([request, file]) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      return [request, file.endsWith('.json') ? (JSON.parse(text) as ReplayAnswer) : text];
    }),
  );
}

/** The `<case>/` folders of a testcases folder, each with its options; none when the folder is missing. */
export function caseFolders(dir: string): Array<{ name: string; caseDir: string; options: Record<string, unknown> }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, caseDir: path.join(dir, d.name), options: readCaseOptions(path.join(dir, d.name)) }));
}

/** A testcase's `options.yaml`, or no options when it has none. */
export function readCaseOptions(caseDir: string): Record<string, unknown> {
  const file = path.join(caseDir, 'options.yaml');
  return existsSync(file) ? ((parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null) ?? {}) : {};
}

type Address = Pick<ReplayServer, 'host' | 'port'> & { socket?: string | undefined };

/**
 * Options with their placeholders filled, at any depth: `{replay}` (host:port), `{replay.host}`,
 * `{case}` (the case folder) inside strings, and `{replay.port}` alone as the port number; a named
 * server is `{replay:<name>}`, `{replay:<name>.host}` and `{replay:<name>.port}`.
 */
export function fillPlaceholders(options: Record<string, unknown>, where: { replay?: Address | undefined; named?: Readonly<Record<string, Address>>; caseDir?: string }): Record<string, unknown> {
  const servers = new Map<string, Address>(Object.entries(where.named ?? {}).map(([name, server]) => [`replay:${name}`, server]));
  if (where.replay) servers.set('replay', where.replay);
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
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
    for (const [name, serve] of kinds) servers.set(name, await startReplayServer(serve.protocol, socketDir && serve.socket ? { socket: path.join(socketDir, `${name || 'replay'}.sock`) } : {}));
    const named = Object.fromEntries([...servers].filter(([name]) => name !== ''));
    const sends = testcase.steps.some((step) => step.datagrams.length > 0);
    const listenPort = sends ? await freeUdpPort() : undefined;
    const filled = fillPlaceholders(testcase.options, { replay: servers.get(''), named, caseDir: testcase.dir });
    const options = listenPort === undefined ? filled : fillListenPort(filled, listenPort);
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
      for (const [name, server] of servers) if (server.port > 0) last = withPortPlaceholder(last, server.port, name === '' ? '{replay_port}' : `{replay_${name}_port}`);
      return { ...last, unanswered: [...new Set([...servers].flatMap(([name, server]) => server.unanswered.map((request) => (name === '' ? request : `${name}: ${request}`))))] };
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
  const samples = step.samples.map((s) => ({ ...s, name: fix(s.name), path: fix(s.path), dimensions: s.dimensions && Object.fromEntries(Object.entries(s.dimensions).map(([k, v]) => [k, fix(v)])) }));
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

function fillListenPort(options: Record<string, unknown>, port: number): Record<string, unknown> {
  const fill = (value: unknown): unknown => {
    if (value === '{listen.port}') return port;
    if (typeof value === 'string') return value.replaceAll('{listen.port}', String(port));
    if (Array.isArray(value)) return value.map(fill);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fill(inner)]));
    return value;
  };
  return fill(options) as Record<string, unknown>;
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
    for (const datagram of datagrams) await new Promise<void>((resolve, reject) => socket.send(datagram, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  } finally {
    socket.close();
  }
  await oneTimerTurn();
}

/** Lets the event loop read what is already waiting on loopback sockets (pushed MQTT messages, sent datagrams) before the step runs. */
function oneTimerTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

/** Python's assertAlmostEqual: round(actual - expected, places) == 0. */
export function almostEqual(actual: number, expected: number, places: number): boolean {
  const factor = 10 ** places;
  return Math.round((actual - expected) * factor) / factor === 0;
}

const DEFAULT_HOST = 'testhost';

function asExpectedSample(expected: Expected): Partial<ExpectedSample> {
  if (typeof expected === 'number') return { value: expected, places: 10 };
  if (Array.isArray(expected)) return { value: expected[0], places: expected[1] };
  return expected;
}

function valueProblem(name: string, actual: number, expected: Partial<ExpectedSample>): string | undefined {
  if (expected.between) {
    const [low, high] = expected.between;
    return actual >= low && actual <= high ? undefined : `${name}: expected between ${low} and ${high}, published ${actual}`;
  }
  const value = expected.value ?? Number.NaN;
  const places = expected.places ?? 10;
  return almostEqual(actual, value, places) ? undefined : `${name}: expected ${value} (to ${places} places), published ${actual}`;
}

const dimensionsText = (dimensions: Readonly<Record<string, string>> | undefined): string => JSON.stringify(Object.fromEntries(Object.entries(dimensions ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))));

/** Differences between a step and a testcase's expectations, as readable lines (empty = pass). */
export function compareExpected(step: StepResult & { unanswered?: string[] }, testcase: Pick<Testcase, 'expected' | 'absent'> & Partial<Pick<Testcase, 'checks' | 'error'>>, collectorPath?: string): string[] {
  const problems: string[] = [];
  const failure = step.result.error?.message;
  if (testcase.error === undefined && failure !== undefined) problems.push(`the run failed: ${failure}`);
  if (testcase.error !== undefined && !failure?.includes(testcase.error)) problems.push(`expected the run to fail with "${testcase.error}", ${failure === undefined ? 'it did not fail' : `it failed with: ${failure}`}`);
  const byName = new Map(step.samples.map((s) => [s.name, s]));
  if (byName.size !== step.samples.length) problems.push(`names published more than once: ${step.samples.filter((s, i) => step.samples.findIndex((o) => o.name === s.name) !== i).map((s) => s.name).join(', ')}`);
  for (const [name, raw] of Object.entries(testcase.expected)) {
    const expected = asExpectedSample(raw);
    const actual = byName.get(name);
    if (actual === undefined) {
      problems.push(`${name}: expected ${expected.between ? `between ${expected.between.join(' and ')}` : expected.value}, not published`);
      continue;
    }
    const problem = valueProblem(name, actual.value, expected);
    if (problem) problems.push(problem);
    if (typeof raw !== 'object' || Array.isArray(raw)) continue;
    if (actual.type !== raw.type) problems.push(`${name}: expected type ${raw.type}, published as ${actual.type}`);
    if (dimensionsText(actual.dimensions) !== dimensionsText(raw.dimensions)) problems.push(`${name}: expected dimensions ${dimensionsText(raw.dimensions)}, published ${dimensionsText(actual.dimensions)}`);
    const path = raw.path ?? (collectorPath === undefined ? undefined : `servers.${DEFAULT_HOST}.${collectorPath}.${name}`);
    if (path !== undefined && actual.path !== path) problems.push(`${name}: expected path ${path}, published ${actual.path}`);
  }
  for (const name of testcase.absent) if (step.values.has(name)) problems.push(`${name}: expected not to be published, published ${step.values.get(name)}`);
  for (const [name, value] of step.values) {
    if (!(name in testcase.expected) && !testcase.absent.includes(name)) problems.push(`${name}: published ${value}, not in expected.json (the whole output is expected; \`pnpm testcases:update\` rewrites it when the change is intended)`);
  }
  const checks = testcase.checks ?? {};
  for (const [name, ttl] of Object.entries(checks)) {
    const actual = step.checks.get(name);
    if (actual !== ttl) problems.push(`check ${name}: expected a check-in with ttl ${ttl}, ${actual === undefined ? 'none made' : `made with ttl ${actual}`}`);
  }
  for (const [name, ttl] of step.checks) if (!(name in checks)) problems.push(`check ${name}: checked in (ttl ${ttl}), not in expected.json's checks`);
  for (const request of step.unanswered ?? []) problems.push(`asked the replay server for ${request}, which the recording lacks`);
  return problems;
}

/**
 * A step's whole output as `expected.json` samples: each value as published (exact for integers,
 * to 6 places otherwise; a value the previous golden bounds with `between` keeps its bounds), its
 * type, its dimensions and, where not the default, its path.
 */
export function goldenSamples(step: StepResult, collectorPath: string, previous: Readonly<Record<string, Expected>> = {}): Record<string, ExpectedSample> {
  const out: Record<string, ExpectedSample> = {};
  for (const sample of [...step.samples].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (sample.type === 'check') continue;
    const before = previous[sample.name];
    const bounds = before !== undefined && typeof before === 'object' && !Array.isArray(before) ? before.between : undefined;
    const entry: ExpectedSample = bounds ? { between: bounds, type: sample.type } : { value: sample.value, places: Number.isInteger(sample.value) ? 0 : 6, type: sample.type };
    if (sample.dimensions && Object.keys(sample.dimensions).length > 0) entry.dimensions = JSON.parse(dimensionsText(sample.dimensions)) as Record<string, string>;
    if (sample.path !== `servers.${DEFAULT_HOST}.${collectorPath}.${sample.name}`) entry.path = sample.path;
    out[sample.name] = entry;
  }
  return out;
}

/** A step's check-ins as `expected.json` checks, by name. */
export function goldenChecks(step: StepResult): Record<string, number> {
  return Object.fromEntries([...step.checks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
