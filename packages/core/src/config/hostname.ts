import dns from 'node:dns/promises';
import os from 'node:os';
import { resolveHostname, type HostnameFacts } from '@spinel/sdk';
import type { AgentSettings } from './resolve.js';
import { withTimeout } from '../support/timeout.js';

/** Python's socket.getfqdn(), approximately: forward-resolve the nodename, then reverse it. */
async function fullyQualified(hostname: string): Promise<string> {
  try {
    const { address } = await dns.lookup(hostname);
    const { hostname: reverse } = await dns.lookupService(address, 0);
    return reverse.includes('.') || !hostname.includes('.') ? reverse : hostname;
  } catch {
    return hostname;
  }
}

export async function probeHostnameFacts(): Promise<HostnameFacts> {
  const hostname = os.hostname();
  const fqdn = await withTimeout(fullyQualified(hostname), 2_000, 'fqdn lookup').catch(() => hostname);
  return { hostname, fqdn };
}

/** The host segment of metric paths: `agent.hostname` if set, else Diamond's hostname method. */
export async function agentHostname(agent: Pick<AgentSettings, 'hostname' | 'hostname_method'>): Promise<string | undefined> {
  if (agent.hostname) return agent.hostname;
  if (agent.hostname_method === 'none') return undefined;
  const needsDns = agent.hostname_method.startsWith('fqdn') || agent.hostname_method === 'smart';
  const facts = needsDns ? await probeHostnameFacts() : { hostname: os.hostname(), fqdn: os.hostname() };
  return resolveHostname(agent.hostname_method, facts);
}
