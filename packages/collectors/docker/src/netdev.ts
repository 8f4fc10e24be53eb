import { readOptionalFile } from '@spinel/sdk';
import type { Networks } from './usage.js';

/** A container's interfaces from its init process's view of /proc/net/dev (lo left out). */
export async function readNetworks(procfs: (...s: string[]) => string, pid: number, signal: AbortSignal): Promise<Networks | undefined> {
  const text = await readOptionalFile(procfs(String(pid), 'net', 'dev'), signal);
  if (text === undefined) return undefined;
  const out: Networks = new Map();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const name = line.slice(0, colon).trim();
    if (name === 'lo') continue;
    const v = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    out.set(name, {
      rx_bytes: v[0] ?? 0,
      rx_packets: v[1] ?? 0,
      rx_errors: v[2] ?? 0,
      rx_dropped: v[3] ?? 0,
      tx_bytes: v[8] ?? 0,
      tx_packets: v[9] ?? 0,
      tx_errors: v[10] ?? 0,
      tx_dropped: v[11] ?? 0,
    });
  }
  return out;
}
