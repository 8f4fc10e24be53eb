#!/usr/bin/env node
// Generates each plugin's README tables and sample.yaml from its declared options schema and
// metric catalogue. `--check` fails (for CI) when a generated file is out of date.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { workspacePackages } from './workspace.mjs';

const START = '<!-- spinel:generated:start (pnpm docs) -->';
const END = '<!-- spinel:generated:end -->';
const check = process.argv.includes('--check');

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const show = (value) => (value === undefined ? '' : `\`${JSON.stringify(value)}\``);

function optionsTable(def) {
  const rows = Object.entries(def.options).map(
    ([key, spec]) =>
      `| \`${key}\` | ${show(spec.default)} | ${cell(spec.typeLabel)} | ${cell(spec.description)}${spec.secret ? ' (secret: redacted in `spinel config print`)' : ''} |`,
  );
  if (rows.length === 0) return 'This plugin has no options of its own.';
  return ['| Option | Default | Type | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function catalogueTable(def) {
  const rows = def.catalogue.map((m) => `| \`${m.name}\` | ${m.type} | ${cell(m.unit)} | ${cell(m.description)} | ${m.enabled === false ? 'no' : 'yes'} |`);
  return ['| Metric | Type | Unit | Description | Default |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function checksTable(def) {
  const rows = def.checks.map((c) => `| \`${c.name}\` | ${cell(c.description)} |`);
  return ['| Check | Made when |', '| --- | --- |', ...rows].join('\n');
}

async function exampleOutput(def, dir) {
  const testing = await import(pathToFileURL(path.join(dir, 'node_modules/@spinel/testing/dist/index.js')).href);
  const [first] = testing.readTestcases(path.join(dir, 'test', 'testcases'));
  if (!first) return undefined;
  const step = await testing.runTestcase(def, first);
  const { plaintextLine } = await import(pathToFileURL(path.join(dir, 'node_modules/@spinel/sdk/dist/index.js')).href);
  // A value the golden only bounds (a response time) differs every run: shown as its bounds, so the README stays the same.
  const bounded = (name) => first.expected[name]?.between;
  // By name: a collector that reads several servers at once publishes in the order they answer.
  const lines = [...step.samples]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, 12)
    .map((s) => {
      const line = plaintextLine(s).trimEnd();
      const bounds = bounded(s.name);
      return bounds ? line.replace(/ \S+ (\d+)$/, ` <${bounds[0]}..${bounds[1]}> $1`) : line;
    });
  if (lines.length === 0 && step.checks.size > 0) {
    const checks = [...step.checks].map(([name, ttl]) => `check ${def.path}.${name}, ttl ${ttl} s`);
    return `From the \`${first.name}\` testcase (\`test/testcases/${first.name}\`), the check-ins a run makes:\n\n\`\`\`\n${checks.join('\n')}\n\`\`\``;
  }
  return `From the \`${first.name}\` testcase (\`test/testcases/${first.name}\`), as the archive and Graphite handlers write it:\n\n\`\`\`\n${lines.join('\n')}${step.samples.length > 12 ? '\n...' : ''}\n\`\`\``;
}

function sampleYaml(def, kind, instance) {
  const entry = Object.fromEntries(Object.entries(def.options).map(([key, spec]) => [key, spec.default ?? null]));
  const text = stringify({ [`${kind}s`]: { [instance]: Object.keys(entry).length ? entry : {} } });
  const comments = Object.fromEntries(Object.entries(def.options).map(([key, spec]) => [key, spec.description]));
  return `# Sample config for ${def.name} (generated from its options schema by \`pnpm docs\`).\n# Every option is shown with its default.\n${text
    .split('\n')
    .map((line) => {
      const key = /^\s{4}([a-z_0-9]+):/.exec(line)?.[1];
      return key && comments[key] ? `    # ${comments[key]}\n${line}` : line;
    })
    .join('\n')}`;
}

const stale = [];
const builtIn = [];
for (const { dir, relative, pkg } of workspacePackages()) {
  const kind = /^@spinel\/(collector|handler)-(.+)$/.exec(pkg.name);
  if (!kind) continue;
  const [, pluginKind, instance] = kind;
  const def = (await import(pathToFileURL(path.join(dir, 'dist', 'index.js')).href)).default;
  builtIn.push({ pluginKind, instance, relative, description: def.description });
  const sections = [
    `## Configuration\n\n\`\`\`yaml\n${pluginKind}s:\n  ${instance}:${pluginKind === 'collector' ? `\n    # plugin: "${pkg.name}" (the default for the key \`${instance}\`)` : ''}\n\`\`\`\n\n${optionsTable(def)}\n\nEvery ${pluginKind} entry also takes the common keys (\`enabled\`, \`plugin\`, \`worker\`, \`max_heap_mb\`${pluginKind === 'collector' ? ', `interval`, `timeout`, `splay`, `path`, `metrics_whitelist`, `metrics_blacklist`, ...' : ', `max_queue_samples`, `batch_size`, `flush_interval`, `spool_dir`, `retry_initial`, `process_timeout`'}); see the root README.${def.privileged ? `\n\n**Privileged**: it ${def.privileged}. A remote config (OpAMP) may add or change its entries only where the local config sets \`agent.opamp.allow_privileged: true\` (root README, Fleet).` : ''}`,
  ];
  if (pluginKind === 'collector') {
    if (def.catalogue.length > 0 || !def.checks)
      sections.push(
        `## Metrics\n\nPublished under \`<path_prefix>.<host>.${def.path}.<metric>\`. \`{x}\` stands for one path segment.\n\n${catalogueTable(def)}`,
      );
    if (def.checks)
      sections.push(
        `## Checks\n\nCheck-ins for backends that have checks (the metricly handler; other handlers never receive them): each says the check is alive, and the backend alarms when none arrives within its ttl. \`{x}\` stands for a part taken from config.\n\n${checksTable(def)}`,
      );
    const example = await exampleOutput(def, dir);
    if (example) sections.push(`## Example output\n\n${example}`);
  }
  const generated = `${START}\n${sections.join('\n\n')}\n${END}`;
  const readmeFile = path.join(dir, 'README.md');
  const current = existsSync(readmeFile) ? readFileSync(readmeFile, 'utf8') : `# ${pkg.name}\n\n${pkg.description}\n\n${START}\n${END}\n`;
  const at = current.indexOf(START);
  const end = current.indexOf(END);
  const next = at >= 0 && end > at ? `${current.slice(0, at)}${generated}${current.slice(end + END.length)}` : `${current.trimEnd()}\n\n${generated}\n`;
  const sampleFile = path.join(dir, 'sample.yaml');
  const sample = sampleYaml(def, pluginKind, instance);
  for (const [file, text] of [
    [readmeFile, next],
    [sampleFile, sample],
  ]) {
    const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (old === text) continue;
    if (check) stale.push(path.join(relative, path.basename(file)));
    else writeFileSync(file, text);
  }
}
// The root README's tables: the built-in plugins, the agent section and the keys every entry takes.
const core = await import(pathToFileURL(path.join(workspacePackages().find((p) => p.pkg.name === '@spinel/core').dir, 'dist', 'index.js')).href);
const schemaTable = (title, schema) => `### ${title}\n\n${optionsTable({ options: schema })}`;
const pluginRows = (kind) =>
  builtIn
    .filter((p) => p.pluginKind === kind)
    .sort((a, b) => a.instance.localeCompare(b.instance))
    .map((p) => `| [\`${p.instance}\`](${p.relative}/README.md) | ${cell(p.description)} |`);
const pluginList = [
  '<!-- spinel:plugins:start (pnpm docs) -->',
  ['| Collector | What it publishes |', '| --- | --- |', ...pluginRows('collector')].join('\n'),
  ['| Handler | Where it sends |', '| --- | --- |', ...pluginRows('handler')].join('\n'),
  '<!-- spinel:plugins:end -->',
].join('\n\n');
const common = [
  '<!-- spinel:common:start (pnpm docs) -->',
  schemaTable('`agent:`', core.agentSchema),
  schemaTable('`agent: status:` (the status page and API)', core.statusSchema),
  schemaTable('`agent: opamp:` (fleet management over OpAMP; see Fleet)', core.opampSchema),
  schemaTable('Keys every collector entry takes', core.collectorCommonSchema),
  schemaTable('Keys every handler entry takes', core.handlerCommonSchema),
  '<!-- spinel:common:end -->',
].join('\n\n');
{
  const file = path.join(path.dirname(path.dirname(path.dirname(new URL(import.meta.url).pathname))), 'README.md');
  const text = readFileSync(file, 'utf8');
  const between = (doc, name, body) => {
    const a = doc.indexOf(`<!-- spinel:${name}:start`);
    const endMarker = `<!-- spinel:${name}:end -->`;
    const b = doc.indexOf(endMarker) + endMarker.length;
    return `${doc.slice(0, a)}${body}${doc.slice(b)}`;
  };
  const next = between(between(text, 'common', common), 'plugins', pluginList);
  if (next !== text) {
    if (check) stale.push('README.md');
    else writeFileSync(file, next);
  }
}

if (stale.length > 0) {
  console.error(`docs: out of date (regenerate with \`pnpm docs\` and commit):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(check ? 'docs: every generated README section and sample.yaml is up to date' : 'docs: written');
