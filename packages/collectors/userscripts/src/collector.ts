import { defineCollector, SpinelError } from '@spinel/sdk';
import path from 'node:path';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { parseScriptOutput } from './output.js';
import { runCommand, type CommandRun } from '@spinel/plugin-kit';
import { folderScripts } from './scripts-folder.js';

interface Resources {
  /** Files already said to be skipped: said once, not every run. */
  warned: Set<string>;
}

/** What went wrong with one script's run, for the run's error; undefined when nothing did. */
function problem(name: string, run: CommandRun, invalid: string[], timeoutS: number, maxKb: number): string | undefined {
  const parts: string[] = [];
  if (run.stopped === 'timeout') parts.push(`ran past script_timeout (${timeoutS} s) and was killed; its complete lines were published`);
  else if (run.stopped === 'output') parts.push(`printed more than max_output_kb (${maxKb} KB) and was killed; nothing it printed was published`);
  else if (run.code !== 0) parts.push(`exited with code ${run.code}`);
  if (invalid.length > 0)
    parts.push(
      `printed ${invalid.length} line${invalid.length === 1 ? '' : 's'} that ${invalid.length === 1 ? 'is' : 'are'} not \`name value\` (first: ${JSON.stringify(invalid[0]?.slice(0, 80))})`,
    );
  if (run.stderr !== '') parts.push(`stderr: ${run.stderr}`);
  return parts.length > 0 ? `${name} ${parts.join('; ')}` : undefined;
}

export default defineCollector({
  privileged: 'runs every executable in scripts_path',
  name: 'userscripts',
  description:
    'The `name value` lines printed by the executables of one configured folder (Diamond UserScriptsCollector), each run with a deadline and an output cap.',
  path: '.',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(): Resources {
    return { warned: new Set() };
  },
  async collect(ctx, resources) {
    const o = ctx.options;
    const folder = await folderScripts(o.scripts_path).catch((error: NodeJS.ErrnoException) => {
      throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `scripts_path ${o.scripts_path} cannot be read: ${error.code ?? error.message}`);
    });
    for (const { file, why } of folder.skipped) {
      if (resources.warned.size < 1000 && !resources.warned.has(file)) {
        resources.warned.add(file);
        ctx.log.warn(`${file} ${why}`);
      }
    }
    const problems: string[] = [];
    // One after another, as Diamond: a host's scripts do not all start at once.
    for (const file of folder.run) {
      if (ctx.signal.aborted) break;
      const name = path.basename(file);
      let run: CommandRun;
      try {
        run = await runCommand(file, [], { timeoutMs: o.script_timeout * 1000, maxOutputBytes: o.max_output_kb * 1024, signal: ctx.signal });
      } catch (error) {
        problems.push(`${name} could not be started: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        continue;
      }
      // A killed script's last line may be cut short: only complete lines count.
      const text = run.stopped === 'output' ? '' : run.stopped === 'timeout' ? run.stdout.slice(0, run.stdout.lastIndexOf('\n') + 1) : run.stdout;
      const { values, invalid } = parseScriptOutput(text);
      for (const value of values) ctx.publish(value.name, value.value, { precision: value.fractional ? o.floatprecision : 0 });
      const said = problem(name, run, invalid, o.script_timeout, o.max_output_kb);
      if (said) problems.push(said);
    }
    if (problems.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', problems.join('; '));
  },
});
