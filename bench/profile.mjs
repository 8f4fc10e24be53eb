#!/usr/bin/env node
// Where a cycle of the whole `spinel run` process goes (issue 13): runs the agent with the
// default collector set at a 1 s interval under `--cpu-prof` (every thread, workers included,
// writes its own profile), stops it, and sorts the samples after the warm-up into stages per
// thread: collect, encode, thread hops, route and deliver, handler, telemetry, timers, GC and the
// rest. A sample is charged to the first frame from the leaf up that belongs to a stage, except
// that a leaf inside messaging is a thread hop whoever called it.
//
//   node bench/profile.mjs                   # 60 s after a 60 s warm-up
//   BENCH_SECONDS=30 node bench/profile.mjs
//   BENCH_INTERVAL=10 node bench/profile.mjs  # a 10 s interval (self-telemetry then ticks once a cycle)
//   BENCH_NODE=node node bench/profile.mjs    # on this script's Node.js; default the shipped Node 26
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, shippedNode, sleep, start, stop, table, writeSpinelConfig } from './lib.mjs';

const CLI = fileURLToPath(new URL('../apps/agent/dist/cli.js', import.meta.url));
const NODE = process.env.BENCH_NODE ?? shippedNode() ?? process.execPath;
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const interval = Number(process.env.BENCH_INTERVAL ?? 1);
// TurboFan keeps optimizing a once-a-second workload for about a minute; measure after it.
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 60);
const STAGES = ['collect', 'encode', 'thread hop', 'route+deliver', 'handler', 'telemetry', 'schedule+timers', 'GC', 'runtime/other'];

/** The stage of one call frame, or undefined when the frame says nothing (node internals). */
function stageOf({ url, functionName }) {
  if (
    /comlink|per_context\/messageport|internal\/worker|event_target|async_hooks/.test(url) ||
    functionName === 'postMessage' ||
    /postToPort|^send$|sendDue|sendFinished/.test(functionName)
  )
    return 'thread hop';
  if (/core\/dist\/channel\/encoded-batch|sdk\/dist\/names/.test(url)) return 'encode';
  if (/\/collectors\/|sdk\/dist\/(files|proc|derivative)|core\/dist\/collect\/|core\/dist\/support\/procfs/.test(url)) return 'collect';
  if (/core\/dist\/(route|deliver)\//.test(url)) return 'route+deliver';
  if (/\/handlers\/|core\/dist\/handle\/|sdk\/dist\/(plaintext|encode)/.test(url)) return 'handler';
  if (/core\/dist\/(telemetry|threads)\//.test(url)) return 'telemetry';
  if (/core\/dist\/schedule\/|internal\/timers/.test(url)) return 'schedule+timers';
  return undefined;
}

function breakdown(file, fromUs) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const stageOfNode = new Map();
  const resolve = (id) => {
    if (stageOfNode.has(id)) return stageOfNode.get(id);
    const frame = nodes.get(id).callFrame;
    let stage;
    if (frame.functionName === '(garbage collector)') stage = 'GC';
    else if (frame.functionName === '(program)' || frame.functionName === '(root)') stage = 'runtime/other';
    else if (frame.functionName === '(idle)') stage = 'idle';
    else {
      for (let at = id; at !== undefined && !stage; at = parent.get(at)) stage = stageOf(nodes.get(at).callFrame);
      stage ??= 'runtime/other';
    }
    stageOfNode.set(id, stage);
    return stage;
  };
  const ms = Object.fromEntries(STAGES.map((s) => [s, 0]));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < fromUs) continue;
    const stage = resolve(profile.samples[i]);
    if (stage !== 'idle') ms[stage] += (profile.timeDeltas[i + 1] ?? 0) / 1000;
  }
  return { ms, startTime: profile.startTime };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-profile-'));
const config = writeSpinelConfig(dir, { interval });
const profDir = path.join(dir, 'profiles');
const proc = start(NODE, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=250', CLI, 'run', '--config', config], { cwd: dir });
await sleep((WARMUP_S + seconds) * 1000);
await stop(proc);

const files = readdirSync(profDir).sort();
const main = breakdown(path.join(profDir, files[0]), 0);
const from = main.startTime + WARMUP_S * 1e6;
const cycles = seconds / interval;
const rows = [['thread', ...STAGES, 'total']];
for (const [index, file] of files.entries()) {
  const { ms } = breakdown(path.join(profDir, file), from);
  const total = Object.values(ms).reduce((a, b) => a + b, 0);
  if (total === 0) continue; // the plugin-loading pool's threads, gone after start
  const name = index === 0 ? 'main' : `${ms.collect >= ms.handler ? 'collector' : 'handler'} thread ${file.split('.').at(-3)}`;
  rows.push([name, ...STAGES.map((s) => fmt(ms[s] / cycles, 3)), fmt(total / cycles, 3)]);
}
console.log(
  `\nCPU ms per cycle by stage, from --cpu-prof of every thread (default set, interval ${interval} s, ${seconds} s after a ${WARMUP_S} s warm-up; sampling adds its own overhead)`,
);
console.log(table(rows));
