#!/usr/bin/env node
// Enforces one package.json shape for every public package, and the plugin layout DEVELOPERS.md
// promises (source files, test file, testcases), and prints the exact fix.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { workspacePackages } from './workspace.mjs';

const problems = [];
const fix = (relative, message, suggestion) => problems.push(`${relative}/package.json: ${message}\n    fix: ${suggestion}`);
const layout = (relative, message, suggestion) => problems.push(`${relative}: ${message}\n    fix: ${suggestion}`);

/** The files every plugin of a kind has (DEVELOPERS.md, "Rules the code follows"). */
const PLUGIN_FILES = {
  collector: ['src/index.ts', 'src/collector.ts', 'src/catalogue.ts', 'src/options.ts', 'test/collector.test.ts'],
  handler: ['src/index.ts', 'src/handler.ts', 'src/options.ts', 'test/handler.test.ts'],
};

/**
 * A collector's testcases: `test/testcases/<case>/` with an `expected.json` golden (every sample
 * with its type) and the input of one run or of several (`steps/<n>/`): host files, a statfs
 * table, recorded server answers, datagrams, or options alone for a collector that reads nothing.
 */
const CASE_INPUTS = ['proc', 'sys', 'etc', 'steps', 'statfs.json', 'serve.json', 'send.json', 'options.yaml'];
/** A handler's testcases: `test/testcases/<case>/` with `input.json` and the whole output `expected.<ext>`. */
function checkHandlerTestcases(dir, relative) {
  const root = path.join(dir, 'test', 'testcases');
  const cases = existsSync(root) ? readdirSync(root).filter((name) => statSync(path.join(root, name)).isDirectory()) : [];
  if (cases.length === 0)
    layout(
      relative,
      'a handler has testcases: samples in, the exact wire output expected',
      `add ${relative}/test/testcases/<case>/{input.json, expected.<ext>} and handlerTestcaseSuite() from @spinel/testing/vitest`,
    );
  for (const name of cases) {
    const where = `${relative}/test/testcases/${name}`;
    const files = readdirSync(path.join(root, name));
    if (!files.includes('input.json')) layout(where, 'every handler testcase has its input samples', `create ${where}/input.json`);
    if (!files.some((file) => file.startsWith('expected.')))
      layout(where, 'every handler testcase has the expected output', `create ${where}/expected.<ext> (\`pnpm testcases:update\` writes it from a run)`);
  }
}

function checkTestcases(dir, relative) {
  const root = path.join(dir, 'test', 'testcases');
  const cases = existsSync(root) ? readdirSync(root).filter((name) => statSync(path.join(root, name)).isDirectory()) : [];
  if (cases.length === 0)
    layout(
      relative,
      'a collector has golden testcases',
      `add ${relative}/test/testcases/<case>/{options.yaml, expected.json, proc/ or serve.json ...} (see @spinel/testing's README) and collectorTestcaseSuite() or collectorContractSuite() from @spinel/testing/vitest`,
    );
  for (const name of cases) {
    const at = path.join(root, name);
    const where = `${relative}/test/testcases/${name}`;
    if (!CASE_INPUTS.some((input) => existsSync(path.join(at, input))))
      layout(where, 'every testcase has its input', `add ${where}/proc/..., serve.json or steps/<n>/...`);
    const file = path.join(at, 'expected.json');
    if (!existsSync(file)) {
      layout(where, 'every testcase has the expected output', `create ${where}/expected.json (\`pnpm testcases:update\` writes it from a run)`);
      continue;
    }
    const untyped = Object.entries(JSON.parse(readFileSync(file, 'utf8')).samples ?? {}).filter(
      ([, sample]) => typeof sample !== 'object' || Array.isArray(sample) || !sample.type,
    );
    if (untyped.length > 0)
      layout(
        `${where}/expected.json`,
        `a golden gives each sample's type and dimensions, not a value alone (${untyped[0][0]})`,
        'rewrite it with `pnpm testcases:update` and read the diff',
      );
  }
}

for (const { dir, relative, pkg } of workspacePackages()) {
  if (pkg.private) continue;
  const isPlugin = /^@spinel\/(collector|handler)-/.test(pkg.name);
  const root = pkg.exports?.['.'];
  if (!root || typeof root !== 'object')
    fix(relative, '`exports["."]` must be an object', `"exports": { ".": { "types": "./dist/index.d.ts", "default": "./dist/index.js" } }`);
  else if (Object.keys(root)[0] !== 'types')
    fix(
      relative,
      '`types` must be the first condition of `exports["."]`',
      `"exports": { ".": { "types": "./dist/index.d.ts", "default": "./dist/index.js" } }`,
    );
  if (pkg.type !== 'module') fix(relative, 'packages are ESM', `"type": "module"`);
  if (pkg.sideEffects !== false) fix(relative, 'importing a package must not run side effects', `"sideEffects": false`);
  if (!Array.isArray(pkg.files) || !pkg.files.includes('dist'))
    fix(relative, '`files` must list dist', `"files": ["dist", "README.md"${isPlugin ? ', "sample.yaml"' : ''}]`);
  if (pkg.engines?.node !== '>=20.19') fix(relative, '`engines.node` must be >=20.19', `"engines": { "node": ">=20.19" }`);
  if (!pkg.license) fix(relative, '`license` is missing', `"license": "MIT"`);
  if (pkg.repository?.directory !== relative)
    fix(
      relative,
      '`repository.directory` must name the package folder',
      `"repository": { "type": "git", "url": "git+https://github.com/spinel-metrics/spinel.git", "directory": "${relative}" }`,
    );
  if (!existsSync(path.join(dir, 'README.md'))) fix(relative, 'every package has a README.md', `create ${relative}/README.md`);
  else {
    // npm shows the README away from the repository: a relative link there leads nowhere.
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^(https?:|mailto:|#)/.test(target))
        layout(
          `${relative}/README.md`,
          `links to ${target}, which does not exist once the package is on npm`,
          `link to https://github.com/spinel-metrics/spinel/blob/main/<path> (or drop the link)`,
        );
    }
  }
  if (!pkg.keywords?.includes('spinel-plugin'))
    fix(
      relative,
      'public packages carry the `spinel-plugin` keyword (how plugin authors find the SDK, tools and plugins on npm)',
      `add "spinel-plugin" to "keywords"`,
    );
  if (isPlugin) {
    if (!pkg.peerDependencies?.['@spinel/sdk'])
      fix(relative, 'plugins take @spinel/sdk as a peer, never a dependency', `"peerDependencies": { "@spinel/sdk": "workspace:^" }`);
    if (pkg.dependencies?.['@spinel/sdk'] || pkg.dependencies?.['@spinel/core'])
      fix(
        relative,
        'plugins must not depend on @spinel/sdk or @spinel/core directly',
        'move @spinel/sdk to peerDependencies and devDependencies; drop @spinel/core',
      );
    if (!existsSync(path.join(dir, 'sample.yaml'))) fix(relative, 'plugins ship a sample config', `create ${relative}/sample.yaml`);
    const kind = pkg.name.startsWith('@spinel/collector-') ? 'collector' : 'handler';
    for (const file of PLUGIN_FILES[kind])
      if (!existsSync(path.join(dir, file)))
        layout(relative, `every ${kind} package has ${file}`, `create ${relative}/${file} (see DEVELOPERS.md for what goes in it)`);
    if (kind === 'collector') checkTestcases(dir, relative);
    else checkHandlerTestcases(dir, relative);
  }
}

if (problems.length > 0) {
  console.error(`check-packages: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('check-packages: every public package has the standard shape');
