/** One value of `ipmitool sensor`'s table, by its name under the collector's path. */
export type SensorFigures = Array<[name: string, value: number]>;

/** The columns after the reading's, in `ipmitool sensor`'s order (units and status between). */
const THRESHOLDS: ReadonlyArray<[column: number, name: string]> = [
  [4, 'Lower.NonRecoverable'],
  [5, 'Lower.Critical'],
  [6, 'Lower.NonCritical'],
  [7, 'Upper.NonCritical'],
  [8, 'Upper.Critical'],
  [9, 'Upper.NonRecoverable'],
];

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const HEX = /^[-+]?0x[0-9a-f]+$/i;

/** A cell as Diamond's parse_value read it: a decimal number, else a hex one (a discrete sensor's state, `0x0180`), else nothing (`na`). */
export function sensorValue(cell: string | undefined): number | undefined {
  const text = cell?.trim() ?? '';
  if (DECIMAL.test(text)) return Number(text);
  if (HEX.test(text)) return (text.startsWith('-') ? -1 : 1) * Number.parseInt(text.replace(/^[-+]?0x/i, ''), 16);
  return undefined;
}

/**
 * `ipmitool sensor`'s rows as metrics, as Diamond's IPMISensorCollector named them: the sensor's
 * name with `.` as `_` and spaces as `delimiter`, its reading (`<name>`, or `<name>.Reading` with
 * thresholds and the six thresholds after it). A row with fewer columns than it needs is skipped,
 * and so is a value that is not a number.
 */
export function sensorFigures(output: string, delimiter: string, thresholds: boolean): SensorFigures {
  const figures: SensorFigures = [];
  for (const line of output.split('\n')) {
    const cells = line.split('|');
    if (cells.length < (thresholds ? 10 : 2)) continue;
    const name = (cells[0] ?? '').trim().replaceAll('.', '_').replaceAll(' ', delimiter);
    if (!name) continue;
    const wanted: Array<[string, string | undefined]> = thresholds
      ? [[`${name}.Reading`, cells[1]], ...THRESHOLDS.map(([column, suffix]): [string, string | undefined] => [`${name}.${suffix}`, cells[column]])]
      : [[name, cells[1]]];
    for (const [metric, cell] of wanted) {
      const value = sensorValue(cell);
      if (value !== undefined) figures.push([metric, value]);
    }
  }
  return figures;
}
