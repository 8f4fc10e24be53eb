import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { FilesystemStats } from '@spinel/sdk';
import type { StepInput } from './collector-harness.js';
import { ReplayStatus, type ReplayAnswer, type ReplayProtocol } from './replay/replay-server.js';
import type { Expected, StepServe, StepServers, Testcase, TestcaseStep } from './testcases.js';

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
    const expected = JSON.parse(readFileSync(path.join(caseDir, 'expected.json'), 'utf8')) as {
      samples?: Record<string, Expected>;
      checks?: Record<string, number>;
      absent?: string[];
      error?: string;
      interval?: number;
    };
    const diamondFile = path.join(caseDir, 'diamond.json');
    const diamond = existsSync(diamondFile) ? (JSON.parse(readFileSync(diamondFile, 'utf8')) as Testcase['diamond']) : undefined;
    return {
      name,
      dir: caseDir,
      options,
      steps: stepDirs.map(readStep),
      expected: expected.samples ?? {},
      checks: expected.checks ?? {},
      absent: expected.absent ?? [],
      error: expected.error,
      diamond,
      interval: expected.interval ?? 10,
    };
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
  if (!Array.isArray(send.udp) || !send.udp.every((name) => typeof name === 'string'))
    throw new Error(`${file}: expected { "udp": ["<file sent as one datagram>", ...] }`);
  return (send.udp as string[]).map((name) => readFileSync(path.join(dir, name)));
}

function readServe(dir: string): StepServers {
  const file = path.join(dir, 'serve.json');
  if (!existsSync(file)) return {};
  type Serve = { protocol?: ReplayProtocol; answers?: Record<string, string | { status: number }>; socket?: boolean };
  const serve = JSON.parse(readFileSync(file, 'utf8')) as Serve & { named?: Record<string, Serve> };
  const one = (name: string, server: Serve): [string, StepServe] => {
    if (!server.protocol || !server.answers)
      throw new Error(`${file}${name ? ` (named.${name})` : ''}: expected { "protocol": "http" | "redis" | ..., "answers": { "<request>": "<file>" } }`);
    return [name, { protocol: server.protocol, answers: replayAnswers(dir, server.answers), socket: server.socket === true }];
  };
  return Object.fromEntries([
    ...(serve.protocol || serve.answers ? [one('', serve)] : []),
    ...Object.entries(serve.named ?? {}).map(([name, server]) => one(name, server)),
  ]);
}

/**
 * Recorded answers by request, each read from its file under `dir`: a `.json` file parsed (rows, a
 * list, a document), any other as text; `{ "status": 404 }` in place of a file answers that status
 * alone (an HTTP request the recording means to refuse).
 */
export function replayAnswers(dir: string, files: Record<string, string | { status: number }>): Record<string, ReplayAnswer> {
  return Object.fromEntries(
    Object.entries(files).map(([request, file]) => {
      if (typeof file !== 'string') return [request, new ReplayStatus(file.status)];
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
