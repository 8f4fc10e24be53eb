import { defineCollector, SpinelError } from '@spinel/sdk';
import { commandOutput } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { parsePdnsList } from './list.js';
import { options } from './options.js';

/** `pdns_control list` is about 100 pairs: 1 MB is far past any. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

export default defineCollector({
  privileged: 'runs pdns_control (bin, sudo_cmd)',
  name: 'powerdns',
  description: "PowerDNS statistics from `pdns_control list` (Diamond PowerDNSCollector's names; counters as rates).",
  path: 'powerdns',
  options,
  catalogue,
  defaultWorker: 'own',
  async collect(ctx) {
    const o = ctx.options;
    const command = [...(o.use_sudo ? [o.sudo_cmd] : []), o.bin, ...(o.socket_dir ? [`--socket-dir=${o.socket_dir}`] : []), 'list'];
    // No shell: the binary and its arguments as they are.
    const figures = parsePdnsList(
      await commandOutput(
        command,
        { timeoutMs: o.command_timeout * 1000, maxOutputBytes: MAX_OUTPUT_BYTES, signal: ctx.signal },
        { timeout: `command_timeout (${o.command_timeout} s)`, output: `${MAX_OUTPUT_BYTES / 1048576} MB` },
      ),
    );
    if (figures.size === 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${command.join(' ')} listed no figures`);
    const gauges = new Set(o.gauge_keys);
    for (const [name, value] of figures) {
      if (gauges.has(name)) ctx.publish(name, value);
      else ctx.publishRate(name, value);
    }
  },
});
