import { option, type OptionIssue, type OptionValues } from '@spinel/sdk';

export const options = {
  ttl: option.number(150, 'Seconds Metricly waits for the next check-in of a name before it raises an alarm.', { min: 1, integer: true }),
  dnsAddressList: option.stringList(
    ['google.com'],
    "Host names to resolve each run (the fork's option and default). Each that resolves to an IPv4 address is checked in under its own name.",
  ),
  nameserver: option.string(
    '',
    "Ask this DNS server (`address` or `address:port`) for A records instead of the system resolver; empty, the default, resolves as the fork's gethostbyname did (/etc/hosts, then the resolvers of /etc/resolv.conf).",
  ),
  lookup_timeout: option.number(5, 'Seconds one name may take to resolve; a name that takes longer counts as not resolving.', { min: 0.1 }),
};

/** `address` or `address:port` (IPv6 in brackets when a port follows), as node:dns setServers takes it. */
const NAMESERVER = /^(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?|\[[0-9a-fA-F:.]+\](?::\d{1,5})?|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$/;

export function validate(values: OptionValues<typeof options>): OptionIssue[] {
  const issues: OptionIssue[] = [];
  if (values.nameserver !== '' && !NAMESERVER.test(values.nameserver))
    issues.push({ key: 'nameserver', expected: 'an IP address, optionally with :port (IPv6 as [address]:port)', found: JSON.stringify(values.nameserver) });
  if (values.dnsAddressList.length === 0) issues.push({ key: 'dnsAddressList', expected: 'at least one host name', found: 'an empty list' });
  if (values.lookup_timeout >= 60) issues.push({ key: 'lookup_timeout', expected: 'less than 60 seconds', found: String(values.lookup_timeout) });
  return issues;
}
