import { defineCollector, SpinelError } from '@spinel/sdk';
import { HttpSource } from '@spinel/http';
import { catalogue } from './catalogue.js';
import { ExpositionReader, isCumulative } from './exposition.js';
import { seriesPath } from './naming.js';
import { compileTemplate, templateIssues, type TemplateToken } from '@spinel/plugin-kit';
import { options } from './options.js';

export interface ScrapeResources {
  source: HttpSource;
  templates: Map<string, readonly TemplateToken[]>;
  warnedTooMany: boolean;
}

const CUMULATIVE_SUFFIX = /_(?:total|count|sum|bucket)$/;
const ACCEPT = 'application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.8,*/*;q=0.1';

export default defineCollector({
  name: 'prometheus',
  description:
    'Scrapes a Prometheus /metrics endpoint (text or OpenMetrics): counters as rates, labels as dimensions or mapped to Diamond paths by a template.',
  path: 'prometheus',
  options,
  validate: (o) => templateIssues(o.templates),
  catalogue,
  defaultWorker: 'own',
  setup(ctx): ScrapeResources {
    const o = ctx.options;
    const source = new HttpSource({
      url: o.url,
      timeoutMs: o.request_timeout * 1000,
      headers: { accept: ACCEPT, ...o.headers },
      secrets: Object.values(o.headers),
      maxBytes: o.max_response_mb * 1048576,
    });
    const templates = new Map(Object.entries(o.templates).map(([prefix, template]) => [prefix, compileTemplate(template)]));
    return { source, templates, warnedTooMany: false };
  },
  teardown({ source }) {
    return source.close();
  },
  async collect(ctx, resources) {
    const o = ctx.options;
    const { source } = resources;
    const include = o.include.map((p) => new RegExp(`^(?:${p})`));
    const exclude = o.exclude.map((p) => new RegExp(`^(?:${p})`));
    let published = 0;
    let wanted = 0;
    // Samples are published as their lines arrive; past max_series they are only counted.
    const reader = new ExpositionReader((sample) => {
      if (include.length > 0 && !include.some((re) => re.test(sample.name))) return;
      if (exclude.some((re) => re.test(sample.name))) return;
      if (!Number.isFinite(sample.value)) return;
      wanted++;
      if (published >= o.max_series) return;
      published++;
      const counter = isCumulative(sample);
      // A text-format counter may lack OpenMetrics' `_total`; its rate gets it, so every rate's name says so.
      const named = counter && !CUMULATIVE_SUFFIX.test(sample.name) ? { ...sample, name: `${sample.name}_total` } : sample;
      const name = seriesPath(named, resources.templates);
      const dimensions = Object.keys(sample.labels).length > 0 ? sample.labels : undefined;
      if (counter) ctx.publishRate(name, sample.value, { precision: 6, dimensions });
      else ctx.publish(name, sample.value, { precision: Number.isInteger(sample.value) ? 0 : 6, dimensions });
    });
    try {
      await source.stream('', ctx.signal, (text) => reader.push(text));
      reader.end();
    } catch (error) {
      if (error instanceof SpinelError) throw error;
      throw new SpinelError(
        'SPINEL_SOURCE_UNREACHABLE',
        `${source.describe()} answered something that is not the Prometheus exposition format: ${(error as Error).message}`,
      );
    }
    if (wanted > o.max_series && !resources.warnedTooMany) {
      resources.warnedTooMany = true;
      ctx.log.warn(
        `${source.describe()} has ${wanted} series to publish; publishing the first ${o.max_series} (max_series). Narrow them with include or exclude`,
      );
    }
  },
});
