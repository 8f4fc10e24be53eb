import { readdir } from 'node:fs/promises';
import { defineCollector, SpinelError, type CollectContext } from '@spinel/sdk';
import { commandFailure, commandRun } from '@spinel/plugin-kit';
import { smartAttributes } from './attributes.js';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

type Ctx = CollectContext<typeof options>;

/** smartctl -A prints a table of about 30 rows: 1 MB is far past any. */
const MAX_OUTPUT_BYTES = 1024 * 1024;
/** smartctl's exit status bits: 0, the command line did not parse; 1, the device could not be opened. */
const COULD_NOT_ASK = 0b11;

/** One disk's selected attributes, published as Diamond did: `<disk>.<priority>.<attribute>.<column>`. */
async function readDisk(ctx: Ctx, disk: string): Promise<void> {
  const o = ctx.options;
  const command = [...(o.use_sudo ? [o.sudo_cmd] : []), o.bin, '-A', `/dev/${disk}`];
  // No shell: the binary and its arguments as they are. smartctl's exit status is a bit mask that
  // is often not 0 on a disk it read (a logged error, a past threshold), so the output decides.
  const run = await commandRun(
    command,
    { timeoutMs: o.command_timeout * 1000, maxOutputBytes: MAX_OUTPUT_BYTES, signal: ctx.signal },
    { timeout: `command_timeout (${o.command_timeout} s)`, output: `${MAX_OUTPUT_BYTES / 1048576} MB` },
  );
  const rows = smartAttributes(run.stdout);
  if (rows.length === 0 && ((run.code ?? 0) & COULD_NOT_ASK) !== 0)
    throw commandFailure(command, `exited with code ${String(run.code)}: ${(run.stderr || run.stdout).trim().split('\n').at(-1) ?? ''}`);
  const aliases = o.aliases[disk] ?? {};
  for (const row of rows) {
    if (!(o.force_prefails && row.priority === 'pre-fail') && o.attributes[row.attribute] !== true) continue;
    const name = aliases[row.attribute] ?? row.attribute;
    for (const column of o.valtypes) {
      const value = row[column];
      if (value !== undefined) ctx.publish(`${disk}.${row.priority}.${name}.${column}`, value, { precision: 0 });
    }
  }
}

export default defineCollector({
  privileged: 'runs smartctl (bin, sudo_cmd)',
  name: 'smart',
  description:
    "S.M.A.R.T. attributes of each disk from `smartctl -A` (Diamond SmartCollector's names: `<disk>.<pre-fail|old_age>.<attribute>.<value|worst|thresh|raw_val>`).",
  path: 'smart',
  options,
  catalogue,
  defaultWorker: 'own',
  async collect(ctx) {
    const wanted = new RegExp(ctx.options.devices);
    const disks = (await readdir(ctx.sysfs('block')).catch(() => [] as string[])).filter((name) => wanted.test(name)).sort();
    const failures: string[] = [];
    // One disk at a time: a host with sixty disks does not start sixty smartctl at once.
    for (const disk of disks) {
      await readDisk(ctx, disk).catch((error: unknown) => {
        if (ctx.signal.aborted) throw error;
        failures.push(error instanceof Error ? error.message : String(error));
      });
    }
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});
