import { defineCollector } from '@spinel/sdk';
import { commandOutput } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { sensorFigures } from './sensors.js';

/** A full sensor list is a few hundred rows: 1 MB is far past any. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

export default defineCollector({
  privileged: 'runs ipmitool (bin, sudo_cmd)',
  name: 'ipmisensor',
  description: "Hardware sensors (temperatures, voltages, fans, power) from `ipmitool sensor` (Diamond IPMISensorCollector's names under ipmi.sensors).",
  path: 'ipmi.sensors',
  options,
  catalogue,
  defaultWorker: 'own',
  async collect(ctx) {
    const o = ctx.options;
    const command = [...(o.use_sudo && process.getuid?.() !== 0 ? [o.sudo_cmd] : []), o.bin, 'sensor'];
    // No shell: the binary and its arguments as they are.
    const output = await commandOutput(
      command,
      { timeoutMs: o.command_timeout * 1000, maxOutputBytes: MAX_OUTPUT_BYTES, signal: ctx.signal },
      { timeout: `command_timeout (${o.command_timeout} s)`, output: `${MAX_OUTPUT_BYTES / 1048576} MB` },
    );
    // 3 places, as ipmitool prints them (Diamond left its default, 0, and Graphite got 1 for 1.080 V).
    for (const [name, value] of sensorFigures(output, o.delimiter, o.thresholds)) ctx.publish(name, value, { precision: 3 });
  },
});
