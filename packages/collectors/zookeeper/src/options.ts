import { option, type OptionIssue, type OptionValues } from '@spinel/sdk';
import { parseDiamondHost } from '@spinel/plugin-kit';

export const options = {
  hosts: option.stringList(
    ['localhost:2181'],
    "Servers as Diamond writes them: `host:port`, `alias@host:port`, or a unix socket path (`alias@/path.sock`). With an alias a server's figures go under it; without one, at the collector's path (as Diamond: name one server so, or give each an alias).",
  ),
  publish: option.stringList([], 'mntr figures to publish (`zk_avg_latency`, ...); empty publishes every numeric one.'),
  request_timeout: option.number(5, "Seconds to wait for a server's mntr answer.", { min: 0.1 }),
};

/** Each `hosts` entry parses; two servers without an alias would publish the same names. */
export function hostIssues(o: OptionValues<typeof options>): OptionIssue[] {
  const issues: OptionIssue[] = [];
  const parsed = o.hosts.map((entry) => [entry, parseDiamondHost(entry)] as const);
  for (const [entry, host] of parsed)
    if (!host) issues.push({ key: 'hosts', expected: 'host:port, alias@host:port or a socket path', found: JSON.stringify(entry) });
  if (parsed.filter(([, host]) => host && host.alias === undefined).length > 1)
    issues.push({
      key: 'hosts',
      expected: 'an alias (alias@host:port) on all servers but one: without one their figures share names',
      found: JSON.stringify(o.hosts),
    });
  return issues;
}
