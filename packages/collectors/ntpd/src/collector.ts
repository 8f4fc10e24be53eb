import { defineCollector, SpinelError, type CollectContext } from '@spinel/sdk';
import { commandOutput } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { kernelFigures, peerFigures, systemFigures, type NtpFigures } from './parse.js';

type Ctx = CollectContext<typeof options>;

/** ntpq's peer list and ntpdc's answers are a few KB: 1 MB is far past any. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/** A command's stdout, or `missing` when its binary is not there (ntpsec has no ntpdc). */
async function output(ctx: Ctx, bin: string, args: readonly string[]): Promise<string | 'missing'> {
  const o = ctx.options;
  const command = [...(o.use_sudo ? [o.sudo_cmd] : []), bin, ...args];
  // No shell: the binary and its arguments as they are.
  return commandOutput(
    command,
    { timeoutMs: o.command_timeout * 1000, maxOutputBytes: MAX_OUTPUT_BYTES, signal: ctx.signal },
    { timeout: `command_timeout (${o.command_timeout} s)`, output: `${MAX_OUTPUT_BYTES / 1048576} MB` },
  ).catch((error: unknown) => {
    if (!o.use_sudo && error instanceof Error && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return 'missing' as const;
    throw error;
  });
}

export default defineCollector({
  privileged: 'runs ntpq and ntpdc (ntpq_bin, ntpdc_bin, sudo_cmd)',
  name: 'ntpd',
  description: "ntpd's system peer (ntpq -np) and, with classic ntp's ntpdc, the kernel PLL and root distance (Diamond NtpdCollector's names).",
  path: 'ntpd',
  options,
  catalogue,
  defaultWorker: 'own',
  // Whether ntpdc's absence was said: once, not every run.
  setup: (): { saidNoNtpdc: boolean } => ({ saidNoNtpdc: false }),
  async collect(ctx, state) {
    const o = ctx.options;
    const figures: NtpFigures = new Map();
    const failures: string[] = [];
    const read = async (bin: string, args: readonly string[], parse: (text: string) => NtpFigures): Promise<void> => {
      try {
        const text = await output(ctx, bin, args);
        if (text === 'missing') {
          if (bin === o.ntpq_bin) throw new Error(`${bin} is not there`);
          if (!state.saidNoNtpdc)
            ctx.log.info(
              `ntpd: ${bin} is not there (ntpsec has none): offset is ntpq's system peer offset in milliseconds, and the kernel and root figures are left out`,
            );
          state.saidNoNtpdc = true;
          return;
        }
        for (const [name, figure] of parse(text)) figures.set(name, figure);
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        failures.push(error instanceof Error ? error.message : String(error));
      }
    };
    // In Diamond's order: where both answer, the kernel's offset (seconds) is the one published.
    await read(o.ntpq_bin, ['-np'], peerFigures);
    await read(o.ntpdc_bin, ['-c', 'kerninfo'], kernelFigures);
    await read(o.ntpdc_bin, ['-c', 'sysinfo'], systemFigures);
    for (const [name, { value, precision }] of figures) ctx.publish(name, value, { precision });
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});
