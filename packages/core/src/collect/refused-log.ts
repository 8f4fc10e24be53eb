import { escapeName, pathNameProblem, type Logger, type PublishOptions } from '@spinel/sdk';

const WINDOW_MS = 60_000;

/** Says why a published name (or check-in) was refused, at most once a minute, escaped, with the count so far. */
export class RefusedLog {
  private count = 0;
  private loggedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly log: Logger) {}

  refused(name: unknown, options: PublishOptions, reason?: string): void {
    this.count++;
    const now = performance.now();
    if (now - this.loggedAt < WINDOW_MS) return;
    this.loggedAt = now;
    const why =
      reason ??
      (typeof name !== 'string'
        ? `name is ${typeof name}, not a string`
        : (pathNameProblem(name) && `name ${escapeName(name)} ${pathNameProblem(name)}`) ||
          (options.instance !== undefined &&
            pathNameProblem(options.instance) &&
            `instance ${escapeName(options.instance)} ${pathNameProblem(options.instance)}`) ||
          `a dimension of ${escapeName(name)} has an empty or invalid key or a value with a control character (${escapeName(JSON.stringify(options.dimensions))})`);
    this.log.warn(`refused a sample: ${why}; ${this.count} refused so far (counted as rejected)`);
  }
}
