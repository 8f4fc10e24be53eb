// The self-contained Spinel bundle every Linux artifact is made from (the .deb, the tarball and
// the agent image): the Node.js binary Spinel runs on, a production deploy of @spinel/agent with
// its built-in plugins, a `spinel` launcher, and the packaged config and systemd unit.
//
//   <bundle>/bin/node                 Node.js from the registry's node-linux-<arch> (tooling/runtime)
//   <bundle>/bin/spinel               sh launcher: exec bin/node <flags> app/dist/cli.js "$@"
//   <bundle>/app/                     pnpm deploy --prod of @spinel/agent
//   <bundle>/share/spinel.yaml        the embedded default config, as a service runs it
//   <bundle>/share/spinel.service     the systemd unit
//   <bundle>/share/runtime.json       the architecture and the Node.js version bundled
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runtime, shLauncher } from '../runtime/index.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILES = path.join(REPO, 'tooling/package/files');

/** pnpm as the calling script was started (`pnpm package` sets npm_execpath), else pnpm 10 through npx. */
const PNPM = process.env.npm_execpath && /pnpm/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npx', '--yes', 'pnpm@10'];
export const run = (command, args, options = {}) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });
export const step = (text) => process.stderr.write(`package: ${text}\n`);

export function agentVersion() {
  return JSON.parse(readFileSync(path.join(REPO, 'apps/agent/package.json'), 'utf8')).version;
}

/** Replaces `from` with `to` in text, failing loudly if the embedded default no longer holds it. */
function edit(text, from, to) {
  if (!text.includes(from)) throw new Error(`the embedded default config no longer contains ${JSON.stringify(from)}; update tooling/package/bundle.mjs`);
  return text.replace(from, to);
}

/**
 * The embedded default config as a service runs it: the same collectors and handlers, but no
 * console handler (its lines would flood the journal), the archive under /var/log/spinel, and
 * every /etc/spinel/conf.d/*.yaml merged in.
 */
export async function packagedConfig() {
  const { DEFAULT_CONFIG_YAML } = await import(pathToFileURL(path.join(REPO, 'apps/agent/dist/default-config.js')).href);
  let text = DEFAULT_CONFIG_YAML;
  text = edit(
    text,
    "# Spinel's embedded default configuration (spinel config print shows it merged).\n",
    `# /etc/spinel/spinel.yaml: Spinel's embedded default configuration, as the service runs it:
# without the console handler (the journal has the agent's own log: journalctl -u spinel) and
# with the archive under /var/log/spinel. Every /etc/spinel/conf.d/*.yaml is merged into this
# file in name order (a collector or handler entry's options key by key), so a file there can
# add a collector or change one option without editing this one.
# Check a change with: spinel config check /etc/spinel/spinel.yaml   Apply it: systemctl reload spinel
include: conf.d/*.yaml
`,
  );
  text = edit(text, '  console: {}\n', '');
  text = edit(text, '    path: spinel-archive.log\n', '    path: /var/log/spinel/archive.log\n');
  return text;
}

/** Files npm packages ship that only their own development reads (linters, publish filters). */
const DEVELOPMENT_FILES = /^(\.eslintrc(\..*)?|\.npmignore|\.gitignore|\.gitattributes|\.travis\.yml|\.editorconfig|\.prettierrc(\..*)?|\.nycrc(\..*)?)$/;
/**
 * Files for a compiler, a debugger or a reader, never for a run: type declarations, TypeScript
 * sources, source maps (the launcher does not enable them) and Markdown, but not a licence,
 * whatever its extension.
 */
const NOT_RUN = /\.([cm]?ts|map|md|markdown)$/i;
const LICENCE = /^(licen[cs]e|copying|notice|authors)/i;
/** Folders a package root ships for its readers and its own tests. */
const NOT_RUN_FOLDERS = new Set(['docs', 'doc', 'example', 'examples', 'test', 'tests', '__tests__', 'benchmark', 'benchmarks', '.github']);

/**
 * Removes from a deploy what no run reads (34.5 MB of deploy became 20.0), and links that leave
 * it: pnpm's deploy links the deployed package to itself in the workspace
 * (node_modules/.pnpm/node_modules/@spinel/agent), which points nowhere on any other machine.
 */
function prune(dir, root = dir) {
  let removed = 0;
  const entries = readdirSync(dir, { withFileTypes: true });
  const packageRoot = entries.some((entry) => entry.name === 'package.json') && dir !== root;
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const target = path.resolve(dir, readlinkSync(file));
      if (!target.startsWith(root + path.sep) || !existsSync(target)) {
        rmSync(file);
        removed++;
      }
    } else if (entry.isDirectory()) {
      if (packageRoot && NOT_RUN_FOLDERS.has(entry.name)) {
        rmSync(file, { recursive: true });
        removed++;
      } else removed += prune(file, root);
    } else if (DEVELOPMENT_FILES.test(entry.name) || (NOT_RUN.test(entry.name) && !LICENCE.test(entry.name))) {
      rmSync(file);
      removed++;
    }
  }
  return removed;
}

/** The tool that strips an ELF binary of `arch` on this machine (binutils' own strip knows its host only). */
function stripperFor(arch) {
  const candidates =
    arch === 'x64' && process.arch === 'x64'
      ? ['strip']
      : arch === 'arm64'
        ? ['aarch64-linux-gnu-strip', 'llvm-strip']
        : ['x86_64-linux-gnu-strip', 'llvm-strip'];
  for (const tool of candidates) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
      return tool;
    } catch {
      // not installed; try the next
    }
  }
  throw new Error(`no strip for ${arch} binaries here (tried ${candidates.join(', ')}; Debian: apt install binutils-aarch64-linux-gnu or llvm)`);
}

/** The architecture and Node.js version a bundle holds (share/runtime.json). */
export function bundleRuntime(dir) {
  return JSON.parse(readFileSync(path.join(dir, 'share/runtime.json'), 'utf8'));
}

/**
 * Removes the native packages of the other architecture from a deploy: the workspace installs
 * optional native packages for both (pnpm's supportedArchitectures, for tooling/runtime), and an
 * aarch64 `.node` in an amd64 package is an error to lintian and dead weight to everyone.
 */
function dropOtherArchitecture(app, arch) {
  const other = arch === 'x64' ? 'arm64' : 'x64';
  const store = path.join(app, 'node_modules/.pnpm');
  const foreign = new RegExp(`(?:^|[-+_@])linux-${other}(?:[-_@]|$)`);
  let removed = 0;
  for (const name of readdirSync(store)) {
    if (!foreign.test(name)) continue;
    rmSync(path.join(store, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** Builds the bundle for `arch` (x64 or arm64) into `dir` (emptied first) and returns it. */
export async function buildBundle(dir, { arch = 'x64' } = {}) {
  const node = runtime(arch);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'bin'), { recursive: true });
  step('building the workspace');
  run(PNPM[0], [...PNPM.slice(1), 'exec', 'turbo', 'run', 'build', '--filter=@spinel/agent...', '--output-logs=errors-only'], {
    cwd: REPO,
    stdio: ['ignore', 2, 'inherit'],
  });

  // Peers are not resolved from the workspace root: @spinel/testing's optional vitest peer would
  // bring vitest, vite and their native bindings (40 MB) into a bundle that never runs a test.
  step('deploying @spinel/agent with its production dependencies');
  run(
    PNPM[0],
    [
      ...PNPM.slice(1),
      '--filter',
      '@spinel/agent',
      'deploy',
      '--prod',
      '--legacy',
      '--config.resolve-peers-from-workspace-root=false',
      '--config.auto-install-peers=false',
      path.join(dir, 'app'),
    ],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] },
  );

  step(`removed ${dropOtherArchitecture(path.join(dir, 'app'), arch)} native packages of the other architecture`);
  step(`pruned ${prune(path.join(dir, 'app'))} files, folders and links no run reads out of the deploy`);

  step(`adding Node.js ${node.version} for ${arch} from ${node.package} (pinned in pnpm-lock.yaml), stripped`);
  copyFileSync(realpathSync(node.binary), path.join(dir, 'bin/node'));
  chmodSync(path.join(dir, 'bin/node'), 0o755);
  // Symbols and debug info are for debuggers, not for an agent on every host (Debian's nodejs
  // package strips the same way; lintian calls an unstripped binary an error).
  run(stripperFor(arch), ['--strip-unneeded', path.join(dir, 'bin/node')]);
  writeFileSync(path.join(dir, 'bin/spinel'), shLauncher());
  chmodSync(path.join(dir, 'bin/spinel'), 0o755);

  mkdirSync(path.join(dir, 'share'), { recursive: true });
  writeFileSync(path.join(dir, 'share/spinel.yaml'), await packagedConfig());
  copyFileSync(path.join(FILES, 'spinel.service'), path.join(dir, 'share/spinel.service'));
  writeFileSync(path.join(dir, 'share/runtime.json'), `${JSON.stringify({ arch, node: node.version, package: node.package }, null, 2)}\n`);
  return dir;
}
