import type { Server } from 'node:http';
import { defineHandler, SpinelError } from '@spinel/sdk';
import { boundHttpServer, http, templateIssues } from '@spinel/plugin-kit';
import { options } from './options.js';
import { Registry } from './registry.js';

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export default defineHandler({
  name: 'prometheus',
  description: 'Serves the latest value of every series for Prometheus to scrape (text exposition format).',
  options,
  validate: (o) => templateIssues(o.templates),
  // Its own worker: it holds a listening socket and its registry is the handler's whole state.
  defaultWorker: 'own',
  async create(ctx) {
    const o = ctx.options;
    const registry = new Registry({
      mapping: { templates: o.templates, hostLabel: o.host_label },
      expiration: o.expiration,
      maxSeries: o.max_series,
      describe: ctx.metricSpec,
    });
    const server = http.createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' || path !== o.path) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found; metrics are at ${o.path}\n`);
        return;
      }
      const body = registry.render(ctx.now());
      res.writeHead(200, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(body) }).end(body);
    });
    let refused = 0;
    let toldAt = Number.NEGATIVE_INFINITY;
    boundHttpServer(
      server,
      { maxConnections: o.max_connections, idleMs: o.idle_timeout * 1000, requestMs: 10_000 },
      {
        refused: () => {
          refused++;
          if (performance.now() - toldAt < 60_000) return;
          toldAt = performance.now();
          ctx.log.warn(`prometheus: ${o.max_connections} scrapers are connected (max_connections); refusing more (${refused} refused so far)`);
        },
      },
    );
    try {
      await listen(server, o.listen, o.port);
    } catch (error) {
      throw new SpinelError(
        'SPINEL_OPTION_INVALID',
        `prometheus: listen/port: cannot serve on ${o.listen}:${o.port} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    ctx.log.info(`prometheus: serving http://${o.listen}:${o.port}${o.path}`);
    return {
      process(batch) {
        registry.update(batch, ctx.now());
      },
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  },
});
