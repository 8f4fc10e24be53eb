// Every built-in collector's testcase output, exposed by the prometheus handler, passes
// `promtool check metrics` (Debian's prometheus package, which .ci/run installs). The service
// collectors' outputs are checked the same way from the conformance cases (conformance.test.ts).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CollectorDefinition } from '@spinel/sdk';
import { readTestcases, runTestcase } from '@spinel/testing';
import { ExpositionLint, havePrometheus } from './prometheus-lint.js';

const COLLECTORS = fileURLToPath(new URL('../../../packages/collectors', import.meta.url));

describe.skipIf(!havePrometheus)('prometheus handler names', () => {
  it("every built-in collector's testcase output is a scrape promtool accepts", async () => {
    const lint = new ExpositionLint();
    let collectors = 0;
    for (const name of readdirSync(COLLECTORS).sort()) {
      const testcases = readTestcases(path.join(COLLECTORS, name, 'test', 'testcases'));
      if (testcases.length === 0) continue;
      const definition = ((await import(`@spinel/collector-${name}`)) as { default: CollectorDefinition }).default;
      collectors++;
      for (const testcase of testcases) lint.add(definition, (await runTestcase(definition, testcase)).samples);
    }
    expect(collectors).toBeGreaterThanOrEqual(15);
    expect(lint.size).toBeGreaterThan(500);
    expect(lint.problems()).toBe('');
  });
});
