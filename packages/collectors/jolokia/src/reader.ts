import { SpinelError } from '@spinel/sdk';
import { HttpSource } from '@spinel/http';

/** Domains of management MBeans with no figures worth publishing (Diamond's IGNORE_DOMAINS). */
export const IGNORED_DOMAINS: ReadonlySet<string> = new Set(['JMImplementation', 'jmx4perl', 'jolokia', 'com.sun.management', 'java.util.logging']);

export interface JolokiaTarget {
  host: string;
  port: number;
  jolokiaPath: string;
  username: string;
  password: string;
  canonicalNames: boolean;
  timeoutMs: number;
  maxBytes: number;
}

/** Python 2's urllib.quote: every byte but letters, digits, `_.-` and `/` as `%XX`. */
function quote(text: string, safe: RegExp): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += safe.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Jolokia's escaping of a domain in a path (`!` before `!`, `/` and `"`), then percent-encoded as Diamond did. */
export function escapeDomain(domain: string): string {
  return quote(
    domain.replace(/[!/"]/g, (c) => `!${c}`),
    /[A-Za-z0-9_.\-/]/,
  );
}

/** Python's urlencode of one value (quote_plus). */
const formValue = (text: string): string => quote(text, /[A-Za-z0-9_.-]/).replaceAll('%20', '+');

/** One Jolokia agent: its domain list and one read of every MBean of a domain, over one kept connection. */
export class JolokiaReader {
  private readonly source: HttpSource;
  private readonly base: string;

  constructor(private readonly target: JolokiaTarget) {
    const auth =
      target.username && target.password ? { authorization: `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}` } : undefined;
    this.base = `/${target.jolokiaPath.replace(/^\/+|\/+$/g, '')}`;
    this.source = new HttpSource({
      url: `http://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`,
      timeoutMs: target.timeoutMs,
      headers: { accept: 'application/json', ...auth },
      secrets: [target.password, auth?.authorization],
      maxBytes: target.maxBytes,
    });
  }

  /** The agent's JMX domains (`list` with maxDepth=1: the domains and nothing under them). */
  async domains(signal: AbortSignal): Promise<string[]> {
    const path = `${this.base}/list?maxDepth=1&maxCollectionSize=0`;
    const listing = await this.source.getJsonObject(path, signal);
    if (listing.status !== 200 || typeof listing.value !== 'object' || listing.value === null) {
      throw new SpinelError(
        'SPINEL_SOURCE_UNREACHABLE',
        `${this.source.describe(path)} answered status ${JSON.stringify(listing.status ?? null)} without a domain list`,
      );
    }
    return Object.keys(listing.value);
  }

  /** Every MBean of a domain with its attributes; a status other than 200 is an error naming the domain. */
  async readDomain(domain: string, signal: AbortSignal): Promise<Record<string, unknown>> {
    const query = [
      ['maxCollectionSize', '0'],
      ['ignoreErrors', 'true'],
      ['canonicalNaming', this.target.canonicalNames ? 'true' : 'false'],
      ['p', `read/${escapeDomain(domain)}:*`],
    ]
      .map(([key, value]) => `${key}=${formValue(value ?? '')}`)
      .join('&');
    const path = `${this.base}/?${query}`;
    const answer = await this.source.getJsonObject(path, signal);
    if (answer.status !== 200 || typeof answer.value !== 'object' || answer.value === null) {
      const why = typeof answer.error === 'string' ? `: ${answer.error.slice(0, 200)}` : '';
      throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `domain ${domain}: Jolokia answered status ${JSON.stringify(answer.status ?? null)}${why}`);
    }
    return answer.value as Record<string, unknown>;
  }

  close(): Promise<void> {
    return this.source.close();
  }
}
