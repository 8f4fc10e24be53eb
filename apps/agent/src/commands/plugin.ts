import { parseArgs } from 'node:util';
import { runCreate } from '@spinel/create-plugin/cli';
import { EXIT, UsageError } from '../errors.js';
import type { Output } from '../output.js';
import { parseOptionSets } from '../option-sets.js';
import { checkPlugin } from '../plugin-check.js';

async function check(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      set: { type: 'string', multiple: true, default: [] },
      rounds: { type: 'string', default: '50' },
      deadline: { type: 'string', default: '10' },
    },
  });
  const [specifier, ...extra] = positionals;
  if (!specifier || extra.length > 0) throw new UsageError('expected `plugin check <package-or-path>`');
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 5) throw new UsageError(`--rounds: expected a whole number >= 5, found ${JSON.stringify(values.rounds)}`);
  const deadline = Number(values.deadline);
  if (!(deadline > 0)) throw new UsageError(`--deadline: expected seconds > 0, found ${JSON.stringify(values.deadline)}`);
  const result = await checkPlugin(specifier, { sets: parseOptionSets(values.set ?? []), rounds, deadline, cwd: process.cwd() });
  io.out(`spinel plugin check: ${result.title}`);
  for (const line of result.lines) io.out(`  ${line.ok ? 'ok  ' : 'FAIL'} ${line.what}`);
  const failed = result.lines.filter((l) => !l.ok).length;
  io.out(failed === 0 ? 'result: no problems' : `result: ${failed} problem${failed === 1 ? '' : 's'}`);
  return failed === 0 ? EXIT.ok : EXIT.failure;
}

/** `spinel plugin new|check`. */
export async function pluginCommand(args: string[], io: Output): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'new':
      return runCreate(rest, io.out, io.err);
    case 'check':
      return check(rest, io);
    default:
      throw new UsageError('expected `plugin new <collector|handler> <name>` or `plugin check <package-or-path>`');
  }
}
