/** A figure with the decimal places Diamond published it to. */
export type NtpFigures = Map<string, { value: number; precision: number }>;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const WHEN_UNITS: Readonly<Record<string, number>> = { m: 60, h: 3600, d: 86400 };

/** `when` in seconds: a bare number, or with ntpq's m, h or d suffix. */
function whenSeconds(text: string): number | undefined {
  const scale = WHEN_UNITS[text.slice(-1)];
  const number = scale === undefined ? text : text.slice(0, -1);
  return NUMBER.test(number) ? Number(number) * (scale ?? 1) : undefined;
}

/**
 * `ntpq -np`'s system peer (the row marked `*`) as Diamond read it: stratum, when (seconds),
 * poll, reach, delay, offset and jitter (milliseconds, as ntpq prints them). A peer whose `when`
 * is `-` has not been heard from: nothing is published for it.
 */
export function peerFigures(output: string): NtpFigures {
  const figures: NtpFigures = new Map();
  for (const line of output.split('\n')) {
    if (!line.startsWith('*')) continue;
    const parts = line.slice(1).trim().split(/\s+/);
    const when = whenSeconds(parts[4] ?? '');
    if (when === undefined) return new Map();
    const columns: Array<[string, number, number]> = [
      ['stratum', 2, 0],
      ['poll', 5, 0],
      ['reach', 6, 0],
      ['delay', 7, 6],
      ['offset', 8, 0],
      ['jitter', 9, 6],
    ];
    figures.set('when', { value: when, precision: 0 });
    for (const [name, index, precision] of columns) {
      const cell = parts[index] ?? '';
      if (NUMBER.test(cell)) figures.set(name, { value: Number(cell), precision });
    }
  }
  return figures;
}

/** `key: value unit` lines (ntpdc -c kerninfo, -c sysinfo), the first word of each value. */
function keyValues(output: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of output.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    out.set(
      line.slice(0, colon).trim(),
      line
        .slice(colon + 1)
        .trim()
        .split(/\s+/)[0] ?? '',
    );
  }
  return out;
}

function pick(output: string, names: ReadonlyArray<[key: string, name: string, precision: number]>): NtpFigures {
  const values = keyValues(output);
  const figures: NtpFigures = new Map();
  for (const [key, name, precision] of names) {
    const cell = values.get(key) ?? '';
    if (NUMBER.test(cell)) figures.set(name, { value: Number(cell), precision });
  }
  return figures;
}

/** `ntpdc -c kerninfo`: the kernel PLL's offset (seconds), frequency (ppm), errors (seconds) and status word. */
export const kernelFigures = (output: string): NtpFigures =>
  pick(output, [
    ['pll offset', 'offset', 10],
    ['pll frequency', 'frequency', 6],
    ['maximum error', 'max_error', 6],
    ['estimated error', 'est_error', 6],
    ['status', 'status', 0],
  ]);

/** `ntpdc -c sysinfo`: root distance and dispersion (seconds). */
export const systemFigures = (output: string): NtpFigures =>
  pick(output, [
    ['root distance', 'root_distance', 6],
    ['root dispersion', 'root_dispersion', 6],
  ]);
