/** Diamond's hostname methods. `uname_*` and `hostname_*` read the same kernel nodename in Node. */
export const HOSTNAME_METHODS = [
  'smart',
  'fqdn_short',
  'fqdn',
  'fqdn_rev',
  'uname_short',
  'uname_rev',
  'hostname',
  'hostname_short',
  'hostname_rev',
  'none',
] as const;

export type HostnameMethod = (typeof HOSTNAME_METHODS)[number];

/** What the host reports; the agent probes these once at start-up. */
export interface HostnameFacts {
  /** The kernel nodename (`os.hostname()`, Python's `socket.gethostname()`). */
  hostname: string;
  /** The fully qualified name (Python's `socket.getfqdn()`); falls back to `hostname`. */
  fqdn: string;
}

const short = (name: string): string => name.split('.')[0] ?? name;
const reversed = (name: string): string => name.split('.').reverse().join('.');

/** Resolves a Diamond hostname method; `none` yields `undefined` (no host segment in paths). */
export function resolveHostname(method: HostnameMethod, facts: HostnameFacts): string | undefined {
  switch (method) {
    case 'smart': {
      const fqdnShort = short(facts.fqdn);
      return fqdnShort !== 'localhost' ? fqdnShort : short(facts.hostname);
    }
    case 'fqdn_short':
      return short(facts.fqdn);
    case 'fqdn':
      return facts.fqdn;
    case 'fqdn_rev':
      return reversed(facts.fqdn);
    case 'uname_short':
    case 'hostname_short':
      return short(facts.hostname);
    case 'uname_rev':
    case 'hostname_rev':
      return reversed(facts.hostname);
    case 'hostname':
      return facts.hostname;
    case 'none':
      return undefined;
  }
}
