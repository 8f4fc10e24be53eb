// Renders the options table (and, for collectors, the metric catalogue) into README.md from the
// built plugin, so the docs come from the same declarations the agent validates against.
// `--check` exits 1 when README.md is stale.
import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- spinel:generated:start (npm run build) -->';
const END = '<!-- spinel:generated:end -->';
const cell = (text) => String(text).replace(/\|/g, '\\|');
const code = (text) => `\`${text}\``;

const plugin = (await import(new URL('../dist/index.js', import.meta.url).href)).default;
const lines = ['## Options', '', '| Option | Default | Type | Description |', '| --- | --- | --- | --- |'];
for (const [key, spec] of Object.entries(plugin.options))
  lines.push(`| ${code(key)} | ${code(JSON.stringify(spec.default))} | ${cell(spec.typeLabel)} | ${cell(spec.description)} |`);
if (plugin.kind === 'collector') {
  lines.push(
    '',
    '## Metrics',
    '',
    `Published as ${code(`<prefix>.<host>.${plugin.path}.<metric>`)}.`,
    '',
    '| Metric | Type | Unit | Description |',
    '| --- | --- | --- | --- |',
  );
  for (const m of plugin.catalogue) lines.push(`| ${code(m.name)} | ${m.type} | ${cell(m.unit)} | ${cell(m.description)} |`);
}

const file = new URL('../README.md', import.meta.url);
const text = readFileSync(file, 'utf8');
const at = text.indexOf(START);
const end = text.indexOf(END);
if (at < 0 || end < at) throw new Error('README.md: the generated-section markers are missing');
const next = `${text.slice(0, at + START.length)}\n${lines.join('\n')}\n${text.slice(end)}`;
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('README.md is stale: run npm run build');
    process.exit(1);
  }
} else if (next !== text) {
  writeFileSync(file, next);
}
