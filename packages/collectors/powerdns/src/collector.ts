import { execFile } from 'node:child_process';
import { defineCollector, SpinelError } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { parsePdnsList } from './list.js';
import { options } from './options.js';

/** `pdns_control list` is about 100 pairs: 1 MB is far past any. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

function run(command: string[], timeoutMs: number, signal: AbortSignal): Promise<string> {
  const [file = '', ...args] = command;
  return new Promise((resolve, reject) => {
    // No shell: the binary and its arguments as they are.
    execFile(file, args, { timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, killSignal: 'SIGKILL', signal }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = error.killed ? `no answer within command_timeout (${timeoutMs / 1000} s)` : typeof code === 'string' ? code : `exited with code ${String(code)}`;
        reject(new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${command.join(' ')} failed: ${why}${stderr.trim() ? `: ${stderr.trim().split('\n')[0]}` : ''}`));
      } else resolve(stdout);
    });
  });
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
