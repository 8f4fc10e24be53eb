import { timingSafeEqual } from 'node:crypto';
import net from 'node:net';

/** The host name of a Host header, without its port or IPv6 brackets. */
function hostOf(header: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1]!;
  return header.replace(/:\d+$/, '').toLowerCase();
}

/**
 * A DNS-rebinding guard: a page on attacker.example that rebinds its name to 127.0.0.1 sends
 * `Host: attacker.example`. Answered are IP literals (they cannot be rebound), localhost, and the
 * names configured in agent.status.hosts.
 */
export function hostAllowed(header: string | undefined, names: readonly string[]): boolean {
  if (header === undefined) return true;
  const host = hostOf(header);
  return host === 'localhost' || net.isIP(host) !== 0 || names.some((name) => name.toLowerCase() === host);
}

/** The token, compared in constant time. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
