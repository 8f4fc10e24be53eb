/**
 * Diamond's `metrics_whitelist` / `metrics_blacklist`: patterns are matched at the start of the
 * short metric name (Python's `re.match`); when a whitelist is set the blacklist is ignored.
 */
export function createMetricFilter(whitelist: readonly string[], blacklist: readonly string[]): (name: string) => boolean {
  const compile = (patterns: readonly string[]): RegExp => new RegExp(`^(?:${patterns.map((p) => `(?:${p})`).join('|')})`);
  if (whitelist.length > 0) {
    const allow = compile(whitelist);
    return (name) => allow.test(name);
  }
  if (blacklist.length > 0) {
    const deny = compile(blacklist);
    return (name) => !deny.test(name);
  }
  return () => true;
}
