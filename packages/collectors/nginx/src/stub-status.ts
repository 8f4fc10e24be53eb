/** The figures of nginx's stub_status page. */
export interface StubStatus {
  active: number;
  accepts: number;
  handled: number;
  requests: number;
  reading: number;
  writing: number;
  waiting: number;
}

const ACTIVE = /^Active connections:\s+(\d+)/m;
const TOTALS = /^\s*(\d+)\s+(\d+)\s+(\d+)\s*$/m;
const STATES = /^Reading:\s+(\d+)\s+Writing:\s+(\d+)\s+Waiting:\s+(\d+)/m;

/**
 * Reads the page ngx_http_stub_status_module writes:
 *   Active connections: 3
 *   server accepts handled requests
 *    396396 396396 396396
 *   Reading: 2 Writing: 1 Waiting: 0
 * Returns a description of what is missing when the text is not such a page.
 */
export function parseStubStatus(text: string): StubStatus | string {
  const active = ACTIVE.exec(text);
  const totals = TOTALS.exec(text);
  const states = STATES.exec(text);
  if (!active || !totals || !states) {
    const missing = [!active && '`Active connections:`', !totals && 'the accepts/handled/requests line', !states && '`Reading: Writing: Waiting:`'].filter(
      Boolean,
    );
    return `a page that is not nginx's stub_status (it lacks ${missing.join(', ')})`;
  }
  const n = (match: RegExpExecArray, i: number): number => Number(match[i]);
  return {
    active: n(active, 1),
    accepts: n(totals, 1),
    handled: n(totals, 2),
    requests: n(totals, 3),
    reading: n(states, 1),
    writing: n(states, 2),
    waiting: n(states, 3),
  };
}
