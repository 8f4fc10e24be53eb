import path from 'node:path';
import { createPlugin, CreateError, type PluginKind } from './index.js';

export const USAGE = 'usage: create-plugin <collector|handler> <name> [--dir DIR] [--package-name NAME]';

/** Parses arguments, creates the package and prints the next steps; returns the exit code. */
export function runCreate(args: readonly string[], out: (line: string) => void, err: (line: string) => void): number {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      out(USAGE);
      return 0;
    }
    if (arg === '--dir' || arg === '--package-name') {
      const value = args[++i];
      if (!value) {
        err(`${arg}: expected a value\n${USAGE}`);
        return 64;
      }
      flags.set(arg, value);
    } else if (arg.startsWith('--')) {
      err(`unknown option ${arg}\n${USAGE}`);
      return 64;
    } else positional.push(arg);
  }
  const [kind, name] = positional;
  if (!kind || !name || positional.length > 2) {
    err(USAGE);
    return 64;
  }
  try {
    const created = createPlugin({ kind: kind as PluginKind, name, dir: flags.get('--dir'), packageName: flags.get('--package-name') });
    out(`created ${created.packageName} in ${created.dir}`);
    for (const file of created.files) out(`  ${file}`);
    out('');
    out('next:');
    out(`  cd ${path.relative(process.cwd(), created.dir) || '.'}`);
    if (created.clone) out("  pnpm install && pnpm -w build && pnpm test && pnpm run check     # against the clone's packages");
    else out('  npm install && npm test && npm run check     # install also builds');
    out(`  then add it to an agent's config: see sample.yaml (plugin: ${created.packageName})`);
    return 0;
  } catch (error) {
    if (error instanceof CreateError) {
      err(`create-plugin: ${error.message}`);
      return 64;
    }
    throw error;
  }
}
