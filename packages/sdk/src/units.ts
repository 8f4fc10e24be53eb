/** Byte and bit units as Diamond's `byte_unit` names them; factors are powers of 1024. */
export const BYTE_UNITS = [
  'bit',
  'kilobit',
  'megabit',
  'gigabit',
  'terabit',
  'petabit',
  'byte',
  'kilobyte',
  'megabyte',
  'gigabyte',
  'terabyte',
  'petabyte',
] as const;

export type ByteUnit = (typeof BYTE_UNITS)[number];

const ALIASES: Readonly<Record<string, ByteUnit>> = {
  b: 'bit',
  kb: 'kilobit',
  mb: 'megabit',
  gb: 'gigabit',
  tb: 'terabit',
  pb: 'petabit',
  B: 'byte',
  KB: 'kilobyte',
  kB: 'kilobyte',
  MB: 'megabyte',
  GB: 'gigabyte',
  TB: 'terabyte',
  PB: 'petabyte',
};

function bytesPerUnit(unit: ByteUnit): number {
  const index = BYTE_UNITS.indexOf(unit);
  return index < 6 ? 1024 ** index / 8 : 1024 ** (index - 6);
}

/** Normalises a unit name or abbreviation (`kB` in /proc/meminfo) to a {@link ByteUnit}. */
export function parseByteUnit(unit: string): ByteUnit | undefined {
  if ((BYTE_UNITS as readonly string[]).includes(unit)) return unit as ByteUnit;
  return ALIASES[unit];
}

/** Converts `value` from one byte/bit unit to another. */
export function convertBytes(value: number, from: ByteUnit, to: ByteUnit): number {
  return (value * bytesPerUnit(from)) / bytesPerUnit(to);
}
