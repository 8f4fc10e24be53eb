import { defineCollector, SpinelError, type OptionIssue } from '@spinel/sdk';
import { HttpSource, isHttpUrl } from '@spinel/http';
import { catalogue, COUNTERS } from './catalogue.js';
import { options } from './options.js';
import { countScoreboard, FRACTIONAL, parseModStatus, statusPages } from './status-page.js';

/** mod_status's `?auto` page is about 1 KB plus a scoreboard byte a worker slot: 256 KB is far past any. */
const STATUS_MAX_BYTES = 256 * 1024;

interface Page {
  nickname: string;
  source: HttpSource;
  path: string;
}

const pageUrl = (text: string): URL | undefined => (isHttpUrl(text) ? new URL(text) : undefined);

export default defineCollector({
  name: 'httpd',
  description: "Apache httpd's workers, requests and traffic from mod_status's `server-status?auto` page (Diamond HttpdCollector's names).",
  path: 'httpd',
  options,
  catalogue,
  defaultWorker: 'own',
  validate(o): OptionIssue[] {
    const issues: OptionIssue[] = [];
    const check = (key: string, entry: string): void => {
      const [nickname, url] = statusPages([entry], undefined).entries().next().value ?? ['', ''];
      if (!pageUrl(url)) issues.push({ key, expected: '`nickname http://host:port/server-status?auto` or a bare http(s) URL', found: entry });
      else if (nickname.includes('.')) issues.push({ key, expected: 'a nickname without dots (it is one path segment)', found: nickname });
    };
    o.urls.forEach((entry, i) => {
      if (entry.trim() !== '') check(`urls.${i}`, entry);
    });
    if (o.url !== undefined) check('url', o.url);
    return issues;
  },
  setup(ctx): Page[] {
    const timeoutMs = ctx.options.request_timeout * 1000;
    return [...statusPages(ctx.options.urls, ctx.options.url)].map(([nickname, text]) => {
      const url = pageUrl(text) as URL;
      return {
        nickname,
        source: new HttpSource({ url: url.origin, timeoutMs, maxBytes: STATUS_MAX_BYTES, secrets: [url.password || undefined] }),
        path: `${url.pathname}${url.search}`,
      };
    });
  },
  async teardown(pages) {
    await Promise.all(pages.map((page) => page.source.close()));
  },
  async collect(ctx, pages) {
    // Each page on its own, as Diamond: one server down does not hide the others' figures.
    const failures: string[] = [];
    await Promise.all(
      pages.map(async ({ nickname, source, path }) => {
        try {
          const status = parseModStatus((await source.get(path, ctx.signal)).body);
          if (typeof status === 'string') throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${source.describe(path)} answered ${status}`);
          const name = (figure: string): string => (nickname ? `${nickname}.${figure}` : figure);
          for (const [figure, value] of status.values) {
            const type = COUNTERS.has(figure) ? 'counter' : 'gauge';
            if (FRACTIONAL.has(figure)) ctx.publish(name(figure), value, { precision: 5, type });
            else ctx.publish(name(figure), Math.trunc(value), { type });
          }
          if (status.scoreboard !== undefined) for (const [figure, count] of countScoreboard(status.scoreboard)) ctx.publish(name(figure), count);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }),
    );
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});
