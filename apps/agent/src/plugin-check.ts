import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { collectorCommonSchema, definitionFromModule, handlerCommonSchema, locatePlugin } from '@spinel/core';
import { pluginKindOf } from './plugin-target.js';
import { AGENT_DIR } from './config-source.js';
import { validatePluginOptions, type CollectorDefinition, type HandlerDefinition, type PluginDefinition } from '@spinel/sdk';
import { catalogueProblems, collectOnce, createHandlerHarness, makeSample, measureRetained } from '@spinel/testing';

/** One finding of `spinel plugin check`. */
export interface CheckLine {
  ok: boolean;
  what: string;
}

export interface CheckOptions {
  /** Option values for the sample run (`--set`). */
  sets: Record<string, unknown>;
  /** Leak-check rounds (default 50). */
  rounds: number;
  /** Seconds a collector run may take. */
  deadline: number;
  cwd: string;
}

/** The retained-heap budget per round, as for the built-in plugins' own leak tests. */
export const LEAK_BUDGET_BYTES = 1024;
const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;
/** Rounds run before measuring: JIT and caches settle in the first ones and look like growth. */
const LEAK_WARMUP = 100;

const require = createRequire(import.meta.url);
const AGENT_SDK_VERSION = (JSON.parse(readFileSync(require.resolve('@spinel/sdk/package.json'), 'utf8')) as { version: string }).version;

interface PackageJson {
  name?: string;
  version?: string;
  exports?: unknown;
  keywords?: string[];
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function nearestPackage(file: string): { dir: string; pkg: PackageJson } | undefined {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as PackageJson;
      if (pkg.name) return { dir, pkg };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** package.json: the SDK as a peer this agent satisfies, exports with types, the plugin keyword. */
function checkPackage(pkg: PackageJson): CheckLine[] {
  const lines: CheckLine[] = [];
  const peer = pkg.peerDependencies?.['@spinel/sdk'];
  if (pkg.dependencies?.['@spinel/sdk'])
    lines.push({
      ok: false,
      what: `package.json: @spinel/sdk is a dependency; make it a peerDependency ("@spinel/sdk": "^${AGENT_SDK_VERSION}") so the plugin uses the agent's SDK`,
    });
  if (!peer) lines.push({ ok: false, what: `package.json: no peerDependencies["@spinel/sdk"]; add "^${AGENT_SDK_VERSION}"` });
  else if (peer.startsWith('workspace:'))
    lines.push({ ok: true, what: `peer @spinel/sdk ${peer}: this workspace's SDK (${AGENT_SDK_VERSION}); pnpm publish writes a real range` });
  else if (!semver.validRange(peer))
    lines.push({ ok: false, what: `package.json: peerDependencies["@spinel/sdk"] ${JSON.stringify(peer)} is not a semver range` });
  else if (!semver.satisfies(AGENT_SDK_VERSION, peer))
    lines.push({
      ok: false,
      what: `package.json: peer @spinel/sdk ${peer} is not satisfied by this agent's @spinel/sdk ${AGENT_SDK_VERSION}; ranges that fit: ^${AGENT_SDK_VERSION}`,
    });
  else lines.push({ ok: true, what: `peer @spinel/sdk ${peer} is satisfied by this agent's @spinel/sdk ${AGENT_SDK_VERSION}` });
  const root = pkg.exports && typeof pkg.exports === 'object' ? (pkg.exports as Record<string, unknown>)['.'] : undefined;
  if (!root || typeof root !== 'object' || Object.keys(root)[0] !== 'types')
    lines.push({
      ok: false,
      what: 'package.json: `exports["."]` should be an object whose first condition is `types` (TypeScript users get no types otherwise)',
    });
  if (!pkg.keywords?.includes('spinel-plugin'))
    lines.push({ ok: false, what: 'package.json: add the `spinel-plugin` keyword so the plugin can be found on npm' });
  return lines;
}

function checkSchema(definition: PluginDefinition, sets: Record<string, unknown>): { lines: CheckLine[]; options: Record<string, unknown> | undefined } {
  const lines: CheckLine[] = [];
  const keys = Object.keys(definition.options);
  const common = Object.keys(definition.kind === 'collector' ? collectorCommonSchema : handlerCommonSchema);
  for (const key of keys) {
    if (!SNAKE_CASE.test(key))
      lines.push({
        ok: false,
        what: `option \`${key}\`: names are snake_case (Diamond's style), e.g. ${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/[^a-z0-9_]/g, '_')}`,
      });
    if (common.includes(key))
      lines.push({
        ok: false,
        what: `option \`${key}\`: every ${definition.kind} entry already takes \`${key}\` (the agent reads it); rename the plugin's option`,
      });
  }
  const { value, issues } = validatePluginOptions(definition as { options: PluginDefinition['options'] }, sets);
  for (const issue of issues)
    lines.push({
      ok: false,
      what: `option \`${issue.key}\`: expected ${issue.expected}, found ${issue.found}${issue.found === 'nothing' ? ` (pass --set ${issue.key}=...)` : ''}`,
    });
  if (lines.length === 0)
    lines.push({
      ok: true,
      what: `options schema: ${keys.length} option${keys.length === 1 ? '' : 's'}, defaults${Object.keys(sets).length ? ' and --set values' : ''} valid`,
    });
  return { lines, options: issues.length === 0 ? (value as Record<string, unknown>) : undefined };
}

async function checkCollector(definition: CollectorDefinition, options: Record<string, unknown>, check: CheckOptions): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const step = await collectOnce(definition, {}, { options, live: true, settings: { timeout: check.deadline } });
  if (step.result.timedOut)
    lines.push({ ok: false, what: `sample run: passed its ${check.deadline} s deadline (runs that take longer are aborted and counted as timeouts)` });
  else if (step.result.error) lines.push({ ok: false, what: `sample run: failed: ${step.result.error.message}` });
  else
    lines.push({
      ok: true,
      what: `sample run on this host: ${step.samples.length} samples${step.checks.size > 0 ? ` and ${step.checks.size} check-in${step.checks.size === 1 ? '' : 's'} (${[...step.checks.keys()].slice(0, 3).join(', ')})` : ''} in ${step.result.durationMs.toFixed(1)} ms (deadline ${check.deadline} s)`,
    });
  const problems = catalogueProblems(definition, step.samples);
  for (const problem of problems) lines.push({ ok: false, what: `catalogue: ${problem}` });
  if (problems.length === 0 && !step.result.error)
    lines.push({
      ok: true,
      what: `catalogue: ${step.samples.length === 0 ? 'nothing published on this host to compare' : 'every published sample is declared, with its type'}`,
    });
  if (step.result.error || step.result.timedOut) return lines; // rounds that fail or hang measure nothing
  const report = await measureRetained(
    { collector: definition, options, live: true, perRound: () => undefined },
    { rounds: check.rounds, warmup: LEAK_WARMUP, objectCounts: false },
  );
  lines.push(leakLine(report.slopeBytesPerRound, check.rounds));
  return lines;
}

async function checkHandler(definition: HandlerDefinition, options: Record<string, unknown>, check: CheckOptions): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const harness = await createHandlerHarness(definition, options);
  try {
    await harness.process([
      makeSample({ name: 'plugin_check.value', value: 1 }),
      makeSample({ name: 'plugin_check.count', value: 2, type: 'counter', dimensions: { check: 'yes' } }),
    ]);
    lines.push({ ok: true, what: 'sample run: created and processed a batch of 2 samples' });
  } catch (error) {
    lines.push({
      ok: false,
      what: `sample run: process() failed: ${error instanceof Error ? error.message : String(error)} (point it at a reachable backend with --set)`,
    });
    return lines;
  } finally {
    await harness.close();
  }
  const report = await measureRetained(
    {
      handler: definition,
      options,
      perRound: (round) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `plugin_check.series${round}_${i}`, value: i })),
    },
    { rounds: check.rounds, warmup: LEAK_WARMUP, objectCounts: false },
  );
  lines.push(leakLine(report.slopeBytesPerRound, check.rounds));
  return lines;
}

function leakLine(slope: number, rounds: number): CheckLine {
  const what = `retained heap ${slope < 0 ? 'shrank' : `grew ${Math.round(slope)} bytes`} per round over ${rounds} rounds (budget ${LEAK_BUDGET_BYTES})`;
  return slope < LEAK_BUDGET_BYTES ? { ok: true, what: `leak: ${what}` } : { ok: false, what: `leak: ${what}; find what grows with \`spinel soak\`` };
}

/**
 * Loads a plugin the way the agent does and checks it: package shape and SDK peer range, the
 * module's exports and plugin API version, the options schema, then (collectors) a sample run
 * against its deadline, its catalogue, and a leak check; (handlers) a sample batch and a leak check.
 */
export async function checkPlugin(specifier: string, check: CheckOptions): Promise<{ title: string; lines: CheckLine[] }> {
  const lines: CheckLine[] = [];
  let resolved: ReturnType<typeof locatePlugin>;
  try {
    // As npm reads it: a bare word is a package name, a path starts with ./, ../ or /.
    resolved = locatePlugin(specifier, check.cwd, [check.cwd, AGENT_DIR]);
  } catch (error) {
    return { title: specifier, lines: [{ ok: false, what: error instanceof Error ? error.message : String(error) }] };
  }
  const file = fileURLToPath(resolved.url);
  const found = nearestPackage(file);
  if (found) lines.push(...checkPackage(found.pkg));
  else lines.push({ ok: false, what: `no package.json above ${file}: publish plugins as packages` });
  const title = `${found?.pkg.name ?? specifier}${found?.pkg.version ? ` ${found.pkg.version}` : ''} (${file})`;
  let definition: PluginDefinition;
  try {
    const namespace = (await import(resolved.url)) as Record<string, unknown>;
    definition = definitionFromModule(namespace, pluginKindOf(namespace), specifier);
    lines.push({ ok: true, what: `exports: default export is a ${definition.kind} "${definition.name}" for plugin API ${definition.apiVersion}` });
  } catch (error) {
    lines.push({ ok: false, what: `exports: ${error instanceof Error ? error.message : String(error)}` });
    return { title, lines };
  }
  const schema = checkSchema(definition, check.sets);
  lines.push(...schema.lines);
  if (!schema.options) return { title, lines };
  try {
    lines.push(
      ...(definition.kind === 'collector' ? await checkCollector(definition, schema.options, check) : await checkHandler(definition, schema.options, check)),
    );
  } catch (error) {
    lines.push({ ok: false, what: `sample run: ${error instanceof Error ? error.message : String(error)}` });
  }
  return { title, lines };
}
