import { defineCollector } from '@spinel/sdk';
import { commandOutput } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { sourceOffsets } from './sourcestats.js';

/** sourcestats is a line a source: 1 MB is far past any. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

export default defineCollector({
  privileged: 'runs chronyc (bin, sudo_cmd)',
  name: 'chronyd',
  description: "Each time source's offset in milliseconds from `chronyc sourcestats` (Diamond ChronydCollector's names under chrony).",
  path: 'chrony',
  options,
  catalogue,
  defaultWorker: 'own',
  // The last warning given, so a source in a unit it does not know is said once, not every run.
  setup: (): { warned: string } => ({ warned: '' }),
  async collect(ctx, state) {
    const o = ctx.options;
    const command = [...(o.use_sudo ? [o.sudo_cmd] : []), o.bin, ...o.args, 'sourcestats'];
    // No shell: the binary and its arguments as they are.
    const output = await commandOutput(
      command,
      { timeoutMs: o.command_timeout * 1000, maxOutputBytes: MAX_OUTPUT_BYTES, signal: ctx.signal },
      { timeout: `command_timeout (${o.command_timeout} s)`, output: `${MAX_OUTPUT_BYTES / 1048576} MB` },
    );
    const { offsets, badUnits } = sourceOffsets(output);
    for (const [source, milliseconds] of offsets) ctx.publish(`${source}.offset_ms`, milliseconds, { precision: 6 });
    const warning = badUnits.length === 0 ? '' : `chronyd: offsets in a unit it does not know, left out: ${badUnits.join(', ')}`;
    if (warning && warning !== state.warned) ctx.log.warn(warning);
    state.warned = warning;
  },
});
