import { defineCollector } from '@spinel/sdk';
import { commandOutput } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { varnishCounters } from './varnishstat.js';

/** varnishstat -1 prints a few hundred lines: 1 MB is far past any. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

export default defineCollector({
  privileged: 'runs varnishstat (bin, sudo_cmd)',
  name: 'varnish',
  description: "Varnish Cache's counters from `varnishstat -1`, as it gives them (Diamond VarnishCollector's names and selection).",
  path: 'varnish',
  options,
  catalogue,
  defaultWorker: 'own',
  async collect(ctx) {
    const o = ctx.options;
    const command = [...(o.use_sudo ? [o.sudo_cmd] : []), o.bin, ...o.args, '-1'];
    // No shell: the binary and its arguments as they are.
    const output = await commandOutput(
      command,
      { timeoutMs: o.command_timeout * 1000, maxOutputBytes: MAX_OUTPUT_BYTES, signal: ctx.signal },
      { timeout: `command_timeout (${o.command_timeout} s)`, output: `${MAX_OUTPUT_BYTES / 1048576} MB` },
    );
    for (const [name, value] of varnishCounters(output)) ctx.publish(name, value);
  },
});
