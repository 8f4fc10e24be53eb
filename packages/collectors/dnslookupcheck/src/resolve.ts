import { promises as dns } from 'node:dns';

/** Resolves one name to IPv4 addresses, or throws; the resolver is the system's or one server's. */
export type Resolve4 = (name: string) => Promise<readonly string[]>;

/** gethostbyname's view: /etc/hosts and the system resolvers, IPv4 only. */
export const systemResolve4: Resolve4 = async (name) => (await dns.lookup(name, { family: 4, all: true })).map((entry) => entry.address);

/** A records from one DNS server, asked once (no retry: the run comes again next interval). */
export function serverResolve4(server: string, timeoutMs: number): Resolve4 {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 1 });
  resolver.setServers([server]);
  return (name) => resolver.resolve4(name);
}

/** Runs a lookup with a deadline; getaddrinfo cannot be cancelled, so a late answer is ignored. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
