/** A `name value` line as Diamond read it: two fields, the second a number. */
export interface ScriptValue {
  name: string;
  value: number;
  /** Printed with a `.`: published with `floatprecision` decimals, else as a whole number. */
  fractional: boolean;
}

/** Python's float() spellings Diamond accepted; infinities and NaN are no value to publish. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a script's stdout; lines that are not `name value` are returned as `invalid`, empty ones skipped. */
export function parseScriptOutput(text: string): { values: ScriptValue[]; invalid: string[] } {
  const values: ScriptValue[] = [];
  const invalid: string[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) continue;
    const [name, raw] = fields;
    if (fields.length !== 2 || name === undefined || raw === undefined || !NUMBER.test(raw)) {
      invalid.push(line.trim());
      continue;
    }
    values.push({ name, value: Number(raw), fractional: raw.includes('.') });
  }
  return { values, invalid };
}
