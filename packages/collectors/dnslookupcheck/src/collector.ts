import { defineCollector } from '@spinel/sdk';
import { catalogue, checks } from './catalogue.js';
import { options, validate } from './options.js';
import { serverResolve4, systemResolve4, withDeadline, type Resolve4 } from './resolve.js';

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

export default defineCollector({
  name: 'dnslookupcheck',
  description:
    "Check-ins for the host names that resolve: Metricly raises an alarm when name resolution breaks (the Metricly agent's DNSLookupCheckCollector). Publishes no metrics.",
  path: 'dnslookupcheck',
  options,
  validate,
  catalogue,
  checks,
  defaultWorker: 'system',
  setup(ctx): Resolve4 {
    return ctx.options.nameserver === '' ? systemResolve4 : serverResolve4(ctx.options.nameserver, ctx.options.lookup_timeout * 1000);
  },
  async collect(ctx, resolve) {
    const timeoutMs = ctx.options.lookup_timeout * 1000;
    const names = ctx.options.dnsAddressList;
    const outcomes = await Promise.allSettled(names.map((name) => withDeadline(resolve(name), timeoutMs, name)));
    const failed: string[] = [];
    outcomes.forEach((outcome, i) => {
      const name = names[i] ?? '';
      if (outcome.status === 'fulfilled' && outcome.value.length > 0) ctx.check(name, ctx.options.ttl);
      else failed.push(`${name} (${outcome.status === 'rejected' ? reasonOf(outcome.reason) : 'no address'})`);
    });
    if (failed.length > 0) throw new Error(`${failed.length} of ${names.length} names did not resolve: ${failed.join(', ')}`);
  },
});
