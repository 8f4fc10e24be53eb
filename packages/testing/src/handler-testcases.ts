import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Sample } from '@spinel/sdk';
import { makeSample } from './handler-harness.js';
import { caseFolders } from './testcase-files.js';

/** A handler's testcase: samples in, the exact wire output expected. */
export interface HandlerTestcase {
  name: string;
  dir: string;
  options: Record<string, unknown>;
  samples: Sample[];
  /** The expected output file (`expected.<ext>`), read as text. */
  expectedFile: string;
}

/** Set by `pnpm testcases:update`: write each case's output as its expected file instead of comparing. */
export const UPDATE_TESTCASES = process.env.SPINEL_UPDATE_TESTCASES === '1';

/**
 * Reads `testcases/<case>/` folders of a handler: `input.json` (samples as `makeSample` takes
 * them), `options.yaml` (optional) and `expected.<ext>` (the whole output, golden).
 */
export function readHandlerTestcases(dir: string, ext: string): HandlerTestcase[] {
  return caseFolders(dir).map(({ name, caseDir, options }) => {
    const input = JSON.parse(readFileSync(path.join(caseDir, 'input.json'), 'utf8')) as Array<Partial<Sample> & Pick<Sample, 'name' | 'value'>>;
    return { name, dir: caseDir, options, samples: input.map((s) => makeSample(s)), expectedFile: path.join(caseDir, `expected.${ext}`) };
  });
}

/** Compares an output with the case's expected file; in update mode writes it instead. Returns the expected text. */
export function expectedOutput(testcase: HandlerTestcase, output: string): string {
  if (UPDATE_TESTCASES) writeFileSync(testcase.expectedFile, output);
  if (!existsSync(testcase.expectedFile)) throw new Error(`${testcase.expectedFile} is missing; \`pnpm testcases:update\` writes it from a run (then read it)`);
  return readFileSync(testcase.expectedFile, 'utf8');
}

/** Binary output as reviewable text: 32 bytes of hex per line. */
export function hexLines(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  const lines: string[] = [];
  for (let at = 0; at < hex.length; at += 64) lines.push(hex.slice(at, at + 64));
  return `${lines.join('\n')}\n`;
}
