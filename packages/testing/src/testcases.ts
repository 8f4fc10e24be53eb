// A collector's golden testcases: what a case holds, read from its folder (testcase-files.ts),
// run against replayed servers (testcase-run.ts) and compared with its golden (testcase-compare.ts).
import type { MetricType } from '@spinel/sdk';
import type { StepInput, StepResult } from './collector-harness.js';
import type { ReplayAnswer, ReplayProtocol } from './replay/replay-server.js';

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
  /** The Diamond test the case ports and the values it asserts (`diamond.json` beside the golden): checked too. */
  diamond: { test: string; published: Record<string, number> } | undefined;
  /** Text the last step's error must contain: the run fails and still publishes what it could. Absent: the run succeeds. */
  error: string | undefined;
  interval: number;
}

/** The last step of a testcase run, with what the collector asked the replay server that the recording lacks. */
export type TestcaseRun = StepResult & { unanswered: string[] };
