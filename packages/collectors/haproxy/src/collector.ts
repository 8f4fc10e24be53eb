import { defineCollector, MalformedFileError } from '@spinel/sdk';
import { readEachServer } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { sanitize, statFigures } from './stats-csv.js';
import { statsSource, type ResolvedSection, type StatsSource } from './stats-source.js';

/** Each HAProxy to read, by the name its figures go under ('' for the collector's own keys). */
export type HaproxyResources = Array<{ prefix: string; section: ResolvedSection; source: StatsSource }>;

export default defineCollector({
  name: 'haproxy',
  description:
    "HAProxy's frontends, backends and servers from its stats CSV, over HTTP or the stats socket (Diamond HAProxyCollector's names: `<proxy>.<service>.<column>`).",
  path: 'haproxy',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): HaproxyResources {
    const o = ctx.options;
    const own: ResolvedSection = { method: o.method, url: o.url, user: o.user, pass: o.pass, sock: o.sock, ignore_servers: o.ignore_servers };
    const limits = { timeoutMs: o.request_timeout * 1000, maxBytes: Math.round(o.max_response_mb * 1024 * 1024) };
    const sections =
      Object.keys(o.servers).length === 0
        ? [['', own] as const]
        : Object.entries(o.servers).map(([name, overrides]) => [`${sanitize(name.toLowerCase())}.`, { ...own, ...overrides }] as const);
    return sections.map(([prefix, section]) => ({ prefix, section, source: statsSource(section, limits) }));
  },
  async teardown(resources) {
    await Promise.all(resources.map(({ source }) => source.close()));
  },
  collect(ctx, resources) {
    // Requests end at the run's deadline through its signal; the kept sources stay for the next run.
    return readEachServer(
      ctx.signal,
      resources,
      () => undefined,
      async ({ prefix, section, source }) => {
        const csv = await source.read(ctx.signal);
        if (!csv.startsWith('# pxname,svname,'))
          throw new MalformedFileError(source.where, `the stats CSV, starting "# pxname,svname,", found "${csv.split('\n')[0]?.slice(0, 80) ?? ''}"`);
        for (const [name, value] of statFigures(csv, section.ignore_servers)) ctx.publish(`${prefix}${name}`, value);
      },
    );
  },
});
