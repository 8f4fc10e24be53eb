#!/usr/bin/env node
// Rewrites every built-in collector's testcase expected.json from a run of the built plugin:
// the whole output of the last step (value, type, dimensions), one sample per line, so a change
// shows as a readable diff.
// Run on purpose (`pnpm testcases:update`) when an output change is intended, then read the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { goldenChecks, goldenSamples, readTestcases, runTestcase } from '../../packages/testing/dist/index.js';
import { workspacePackages } from './workspace.mjs';

let written = 0;
for (const { dir, pkg } of workspacePackages()) {
  if (!pkg.name?.startsWith('@spinel/collector-')) continue;
  const testcases = readTestcases(path.join(dir, 'test', 'testcases'));
  if (testcases.length === 0) continue;
  const collector = (await import(pathToFileURL(path.join(dir, 'dist', 'index.js')).href)).default;
  for (const testcase of testcases) {
    const step = await runTestcase(collector, testcase);
    const failure = step.result.error?.message;
    if (failure !== undefined && (testcase.error === undefined || !failure.includes(testcase.error)))
      throw new Error(
        `${pkg.name} testcase ${testcase.name} failed: ${failure}${testcase.error === undefined ? ' (a case that fails on purpose says so: "error": "<text of the message>" in expected.json)' : ''}`,
      );
    if (step.unanswered.length > 0) throw new Error(`${pkg.name} testcase ${testcase.name} asked for what its recording lacks: ${step.unanswered.join(', ')}`);
    const file = path.join(testcase.dir, 'expected.json');
    const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    const samples = Object.entries(goldenSamples(step, collector.path, previous.samples)).map(
      ([name, sample]) => `    ${JSON.stringify(name)}: ${JSON.stringify(sample)}`,
    );
    const head =
      (previous.interval === undefined ? '' : `  "interval": ${previous.interval},\n`) +
      (previous.error === undefined ? '' : `  "error": ${JSON.stringify(previous.error)},\n`);
    const checks = Object.entries(goldenChecks(step)).map(([name, ttl]) => `    ${JSON.stringify(name)}: ${ttl}`);
    const absent = previous.absent?.length ? `,\n  "absent": ${JSON.stringify(previous.absent)}` : '';
    const tail = (checks.length === 0 ? '' : `,\n  "checks": {\n${checks.join(',\n')}\n  }`) + absent;
    writeFileSync(file, `{\n${head}  "samples": {\n${samples.join(',\n')}\n  }${tail}\n}\n`);
    written++;
  }
}
console.log(`testcases: ${written} expected.json files written`);
