/** `pdns_control list`: `name=value,` pairs; values that are not numbers are left out. */
export function parsePdnsList(text: string): Map<string, number> {
  const figures = new Map<string, number>();
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    const value = Number(raw);
    if (name !== '' && raw !== '' && Number.isFinite(value)) figures.set(name, value);
  }
  return figures;
}
