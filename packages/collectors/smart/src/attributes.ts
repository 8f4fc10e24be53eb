/** One row of smartctl -A's attribute table, as Diamond's SMARTAttribute reads it. */
export interface SmartAttribute {
  id: string;
  /** Lower-case name; Diamond names an Unknown_Attribute by its ID. */
  attribute: string;
  /** `pre-fail` or `old_age`, lower-case as Diamond publishes it. */
  priority: string;
  value: number;
  worst: number;
  thresh: number;
  /** RAW_VALUE's first word as a whole number; `a/b` is Diamond's 100*(a/b) in Python 2's whole-number division. Undefined when it is neither. */
  raw_val: number | undefined;
}

const WHOLE = /^\d+$/;

/**
 * Where the attribute rows start: the line after the `ID# ATTRIBUTE_NAME ...` header, looked for
 * in lines 4 to 8 of the output with its outer blank lines dropped (Diamond's
 * find_attr_start_line); undefined when it is not there (a disk without SMART, a USB bridge).
 */
export function attributeStart(lines: readonly string[], first = 4, last = 9): number | undefined {
  for (let index = first; index < Math.min(last, lines.length); index++) if (lines[index]?.trim().split(/\s+/)[1] === 'ATTRIBUTE_NAME') return index + 1;
  return undefined;
}

function rawValue(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (WHOLE.test(text)) return Number(text);
  const ratio = /^(\d+)\/(\d+)$/.exec(text);
  if (!ratio) return undefined;
  const denominator = Number(ratio[2]);
  return denominator === 0 ? 0 : 100 * Math.floor(Number(ratio[1]) / denominator);
}

/** The attribute rows of smartctl -A's output; the table ends at the first line that is not a row. */
export function smartAttributes(output: string): SmartAttribute[] {
  const lines = output.trim().split('\n');
  const start = attributeStart(lines);
  if (start === undefined) return [];
  const rows: SmartAttribute[] = [];
  for (const line of lines.slice(start)) {
    const [id, name, , value, worst, thresh, type, , , raw] = line.trim().split(/\s+/);
    if (
      id === undefined ||
      name === undefined ||
      type === undefined ||
      !WHOLE.test(id) ||
      ![value, worst, thresh].every((v) => v !== undefined && WHOLE.test(v))
    )
      break;
    const lower = name.toLowerCase();
    rows.push({
      id,
      attribute: lower === 'unknown_attribute' ? id : lower,
      priority: type.toLowerCase(),
      value: Number(value),
      worst: Number(worst),
      thresh: Number(thresh),
      raw_val: rawValue(raw),
    });
  }
  return rows;
}
