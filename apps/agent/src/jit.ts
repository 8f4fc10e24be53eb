import v8 from 'node:v8';

/**
 * V8's budget of executed bytecode before it considers a function for TurboFan (its default is
 * 132 KB), times ten. An agent runs most of its code once per interval: at 10 s, a collector's
 * functions run six times a minute and V8 kept compiling and recompiling them on its background
 * threads for less than the compile cost. With ten times the budget, such lukewarm code stays in
 * the baseline tiers while hot loops (a handler at a million samples a second) still reach
 * TurboFan within milliseconds. Measured on the whole process (BENCHMARKS.md, issue 13): less
 * CPU in every side-by-side pair, 9-30 % at a 10 s interval and 11 % at 1 s, in noisy windows.
 */
export const INTERRUPT_BUDGET = 10 * 132 * 1024;

/** Sets the budget for every isolate of the process, unless the command line set it already. */
export function tuneJit(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => arg.startsWith('--interrupt-budget'))) return;
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
