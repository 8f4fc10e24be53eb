import type { Logger } from '@spinel/sdk';

/**
 * Warns once per check name when its ttl is not longer than the collector's interval: the
 * backend would alarm between two on-time check-ins (Metricly's configs pair ttl 150 with 60 s).
 */
export class ShortTtlWarning {
  private readonly warned = new Set<string>();

  constructor(
    private readonly intervalSeconds: number,
    private readonly log: Logger,
  ) {}

  see(name: string, ttlSeconds: number): void {
    if (ttlSeconds > this.intervalSeconds || this.warned.has(name) || this.warned.size >= 100) return;
    this.warned.add(name);
    this.log.warn(
      `check ${name}: ttl ${ttlSeconds} s is not longer than the interval (${this.intervalSeconds} s), so the backend will alarm between on-time check-ins; set ttl above the interval`,
    );
  }
}
