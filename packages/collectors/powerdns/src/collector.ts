import { defineCollector, SpinelError } from '@spinel/sdk';
import { runCommand } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { parsePdnsList } from './list.js';
import { options } from './options.js';

/** `pdns_control list` is about 100 pairs: 1 MB is far past any. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/** The command's stdout; a failure names the command and why (code, deadline, first line of stderr). */
async function run(command: string[], timeoutMs: number, signal: AbortSignal): Promise<string> {
  const [file = '', ...args] = command;
  const fail = (why: string): SpinelError => new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${command.join(' ')} failed: ${why}`);
  const result = await runCommand(file, args, { timeoutMs, maxOutputBytes: MAX_OUTPUT_BYTES, signal }).catch((error: NodeJS.ErrnoException) => {
    throw fail(error.code ?? error.message);
  });
  const stderr = result.stderr ? `: ${result.stderr.split('\n')[0]}` : '';
  if (result.stopped === 'timeout') throw fail(`no answer within command_timeout (${timeoutMs / 1000} s)`);
  if (result.stopped === 'output') throw fail(`printed more than ${MAX_OUTPUT_BYTES / 1048576} MB`);
  if (result.code !== 0) throw fail(`exited with code ${String(result.code)}${stderr}`);
  return result.stdout;
}

export default defineCollector({
  name: 'powerdns',
  description: "PowerDNS statistics from `pdns_control list` (Diamond PowerDNSCollector's names; counters as rates).",
  path: 'powerdns',
  options,
  catalogue,
  defaultWorker: 'own',
  async collect(ctx) {
    const o = ctx.options;
    const command = [...(o.use_sudo ? [o.sudo_cmd] : []), o.bin, ...(o.socket_dir ? [`--socket-dir=${o.socket_dir}`] : []), 'list'];
    const figures = parsePdnsList(await run(command, o.command_timeout * 1000, ctx.signal));
    if (figures.size === 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${command.join(' ')} listed no figures`);
    const gauges = new Set(o.gauge_keys);
    for (const [name, value] of figures) {
      if (gauges.has(name)) ctx.publish(name, value);
      else ctx.publishRate(name, value);
    }
  },
});
