/** Consul's check statuses, worst first: a set of checks is as bad as its worst. */
export type Status = 'critical' | 'warning' | 'passing';

/** The fork's get_max_status: critical if any is, else warning if any is, else passing. */
export function worstStatus(statuses: readonly unknown[]): Status {
  if (statuses.includes('critical')) return 'critical';
  if (statuses.includes('warning')) return 'warning';
  return 'passing';
}

/** The statuses of a list of checks (`[{Status: ...}]`). */
export function statusesOf(checks: unknown): unknown[] {
  return Array.isArray(checks) ? checks.map((check) => (typeof check === 'object' && check !== null ? (check as { Status?: unknown }).Status : undefined)) : [];
}

/** The fork's name for an agent metric: every `consul.` taken out (`consul.consul.members.clients` is `members.clients`). */
export const trimmedName = (name: string): string => name.replaceAll('consul.', '');
