import v8 from 'node:v8';

/**
 * Fewer JIT compilations of lukewarm code. An agent runs most of its code once per interval: at
 * 10 s, a collector's functions run six times a minute, and V8 kept compiling and recompiling
 * them on its background threads for less than the compile cost. Measured on the whole process
 * (BENCHMARKS.md, issue 13): less CPU in every side-by-side pair, 9-30 % at a 10 s interval and
 * 11 % at 1 s. Hot loops (a handler at a million samples a second) still reach the optimizing
 * tiers within milliseconds.
 *
 * Node 20's V8 tiers up by bytecode budget: ten times its 132 KB default. From Node 22, V8 tiers
 * up by invocation counts and refuses `--interrupt-budget` (it prints an error at every start):
 * ten times the counts for Maglev and TurboFan instead.
 */
export const INTERRUPT_BUDGET = 10 * 132 * 1024;
export const TIERING_FLAGS_V22 = ['--invocation-count-for-maglev=4000', '--invocation-count-for-turbofan=30000'];

/** The flags for this Node's V8. */
export function tieringFlags(nodeVersion = process.versions.node): string[] {
  return Number(nodeVersion.split('.')[0]) >= 22 ? TIERING_FLAGS_V22 : [`--interrupt-budget=${INTERRUPT_BUDGET}`];
}

/** Sets them for every isolate of the process, unless the command line set tiering already. */
export function tuneJit(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => arg.startsWith('--interrupt-budget') || arg.startsWith('--invocation-count-for'))) return;
  for (const flag of tieringFlags()) v8.setFlagsFromString(flag);
}
