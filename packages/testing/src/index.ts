export { CollectorHarness, collectOnce, type CollectorHarnessOptions, type StepInput, type StepResult } from './collector-harness.js';
export { createHandlerHarness, makeSample, type HandlerHarness } from './handler-harness.js';
export { FakeRoots, type FakeFiles, type FakeTree } from './fake-fs.js';
export { captureLogger, type CapturedLog } from './capture-logger.js';
export { readTestcases, runTestcase, compareExpected, almostEqual, type Testcase, type Expected } from './testcases.js';
export { catalogueProblems } from './contract.js';
export { measureRetained, slope, robustSlope, type RetainedReport, type LeakTarget, type MeasureOptions, type CollectorRound } from './leak.js';
export { objectCounts, countGrowth, type CountGrowth } from './heap-snapshot.js';
export { forceGc, usedHeapBytes } from '@spinel/core';
