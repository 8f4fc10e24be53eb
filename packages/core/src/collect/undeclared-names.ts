import { BoundedMap, createCatalogueLookup, escapeName, type Catalogue, type Logger } from '@spinel/sdk';

/** At most one warning per collector in this window. */
const WARN_WINDOW_MS = 60_000;
/**
 * Declared names remembered so the catalogue's patterns are not tested again (about the names
 * one run publishes; past it the oldest are tested again, which costs a regex, not a warning).
 * Small on purpose: a leak test that brings new names every round sees it full within a few
 * rounds, not growing for hundreds (4096 read as 3 KB a round of retained heap there).
 */
const REMEMBERED_NAMES = 256;

/**
 * Warns when a collector publishes a name its catalogue does not declare: once per name, and at
 * most once a minute (a name not warned about in one window is warned about in a later one, as
 * collectors publish the same names every run). `plugin check` finds these on the author's host;
 * this finds the ones only a user's host brings out.
 */
export class UndeclaredNames {
  private readonly lookup: (name: string) => unknown;
  /** Name -> declared? Bounded: a collector with endless names must not make this endless. */
  private readonly checked = new BoundedMap<string, boolean>({ maxEntries: REMEMBERED_NAMES, ttlMs: 0 });
  private warnedAt = Number.NEGATIVE_INFINITY;
  private warnings = 0;

  constructor(
    catalogue: Catalogue,
    private readonly collector: string,
    private readonly log: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lookup = createCatalogueLookup(catalogue);
  }

  check(name: string): void {
    const known = this.checked.get(name);
    if (known !== undefined) return;
    if (this.lookup(name)) {
      this.checked.set(name, true);
      return;
    }
    const now = this.now();
    if (now - this.warnedAt < WARN_WINDOW_MS) return;
    this.warnedAt = now;
    this.warnings++;
    this.checked.set(name, false);
    this.log.warn(
      `collector ${this.collector} published ${escapeName(name)}, which its catalogue does not declare (handlers and docs take type and unit from the catalogue); warned once per name, at most once a minute, ${this.warnings} so far`,
    );
  }
}
