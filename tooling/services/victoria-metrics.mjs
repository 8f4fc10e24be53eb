// Debian's victoria-metrics (single-node) on 127.0.0.1 with its data in a temp folder: takes
// Prometheus remote write at /api/v1/write and answers PromQL (MetricsQL) at /api/v1/query.
// `-search.latencyOffset=0s`: a sample is queryable as soon as it is stored (the default hides the
// last 30 s, which would add 30 s to every "until the series is there" figure).
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, serverProcess } from './process.mjs';
import { instantQuery } from './promql.mjs';

export const VICTORIA_METRICS = '/usr/bin/victoria-metrics';
export const haveVictoriaMetrics = existsSync(VICTORIA_METRICS);

export async function startVictoriaMetrics() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-victoria-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const lifecycle = serverProcess(
    'victoria-metrics',
    VICTORIA_METRICS,
    [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${dir}`,
      '-retentionPeriod=1d',
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-loggerLevel=WARN',
    ],
    {
      ready: async () => {
        try {
          return (await fetch(`${url}/health`)).status === 200;
        } catch {
          return false; // not listening yet
        }
      },
      attempts: 200,
    },
  );
  const server = {
    url,
    writeUrl: `${url}/api/v1/write`,
    dir,
    output: lifecycle.output,
    start: lifecycle.start,
    stop: lifecycle.stop,
    /** Instant query; returns data.result. */
    query(promql, time) {
      return instantQuery(url, promql, time);
    },
  };
  await server.start();
  return server;
}
