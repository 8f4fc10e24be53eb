import { sanitizePathSegment } from '@spinel/sdk';

export const IRQ_NAMINGS = ['diamond', 'stable'] as const;
export type IrqNaming = (typeof IRQ_NAMINGS)[number];

/** One row of /proc/interrupts, split as Diamond splits it. */
export interface InterruptRow {
  label: string;
  counts: string[];
  /** The text after the counts: the controller type and the device(s), when the row has them. */
  description: string[];
}

/**
 * Python's `line.strip().split(None, maxsplit)`: whitespace-separated fields, the last one
 * holding the rest of the line (inner spaces kept). Diamond names IRQs from these fields.
 */
export function splitFields(line: string, maxsplit: number): string[] {
  const fields: string[] = [];
  let rest = line.trim();
  while (rest.length > 0 && fields.length < maxsplit) {
    const gap = /\s+/.exec(rest);
    if (!gap) break;
    fields.push(rest.slice(0, gap.index));
    rest = rest.slice(gap.index + gap[0].length);
  }
  if (rest.length > 0) fields.push(rest);
  return fields;
}

/** A row for `cpus` CPU columns: its label (without the colon), its counts and its description. */
export function parseRow(line: string, cpus: number): InterruptRow {
  const fields = splitFields(line, cpus + 2);
  const label = (fields[0] ?? '').replace(':', '');
  return { label, counts: fields.slice(1, cpus + 1), description: fields.slice(cpus + 1) };
}

/**
 * The path (without `.CPU<n>` or `.total`) Diamond's InterruptCollector gives a row:
 * - a label as long as the CPU count plus one (NMI and LOC on a two-CPU host): `<label>`;
 * - any other three-character label (NMI on larger hosts, and IRQs 100 to 999): `<type>_<device>`;
 * - every other label: `<type>.<device>.<irq>` (`IO-APIC-edge.timer.0`).
 * Spaces become `_` and the `, ` between shared devices `-`. Where Diamond would take the name from
 * the row's last two counts (a row with no description), a new name each run, the label is used.
 * `stable` names every numbered IRQ `<type>.<device>.<irq>` (a run of spaces one `_`) and every
 * other row `<label>`, whatever the CPU count.
 */
/** Diamond keeps the dots of a type or device (`PCI-MSIX-0000:00:01.0.0-edge`): each becomes a path separator. */
const keepingDots = (text: string): string => text.split('.').map(sanitizePathSegment).join('.');

export function rowPath(row: InterruptRow, cpus: number, naming: IrqNaming): string {
  const [type, device] = row.description.length === 2 ? row.description : [undefined, undefined];
  const label = sanitizePathSegment(row.label);
  if (type === undefined || device === undefined) return label;
  if (naming === 'stable') return /^\d+$/.test(row.label) ? [type, device.replaceAll(', ', '-'), row.label].map(sanitizePathSegment).join('.') : label;
  const full = [type.replaceAll(' ', '_'), device.replaceAll(', ', '-').replaceAll(' ', '_'), row.label].map(keepingDots).join('.');
  if (row.label.length === cpus + 1) return label;
  if (row.label.length === 3) return keepingDots(`${type} ${device}`.replaceAll(' ', '_'));
  return full;
}
