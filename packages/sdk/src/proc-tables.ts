import { MalformedFileError } from './errors.js';

/**
 * Parses the header/value line pairs of /proc/net/snmp and /proc/net/netstat
 * (`Tcp: RtoMin RtoMax ...` followed by `Tcp: 200 120000 ...`) into label -> name -> value.
 */
export function parseHeaderValueTables(text: string, file: string): Map<string, Map<string, number>> {
  const tables = new Map<string, Map<string, number>>();
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = (lines[i] ?? '').trim().split(/\s+/);
    const values = (lines[i + 1] ?? '').trim().split(/\s+/);
    const label = names[0] ?? '';
    if (!label.endsWith(':') || values[0] !== label || values.length !== names.length) {
      throw new MalformedFileError(file, `a "${label}" value line with ${Math.max(0, names.length - 1)} numbers after its header`);
    }
    const table = new Map<string, number>();
    for (let j = 1; j < names.length; j++) {
      const value = Number(values[j]);
      if (!Number.isFinite(value)) throw new MalformedFileError(file, `numbers in the ${label} line, found ${JSON.stringify(values[j])} for ${names[j]}`);
      table.set(names[j] ?? '', value);
    }
    tables.set(label.slice(0, -1), table);
  }
  return tables;
}
