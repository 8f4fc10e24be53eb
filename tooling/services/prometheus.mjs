// A real Prometheus (Debian's prometheus 2.42) on 127.0.0.1 with its TSDB in a temp folder: it
// scrapes the given targets every second and accepts remote write.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, serverProcess } from './process.mjs';
import { instantQuery } from './promql.mjs';

export const PROMETHEUS = '/usr/bin/prometheus';
export const PROMTOOL = '/usr/bin/promtool';
export const havePrometheus = existsSync(PROMETHEUS) && existsSync(PROMTOOL);

/** `promtool check metrics` on exposition text: { ok, output }. */
export function promtoolCheckMetrics(text) {
  try {
    const output = execFileSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { ok: true, output };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

export async function startPrometheus({ scrapeTargets = [] } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-prometheus-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const scrape = scrapeTargets.length
    ? `scrape_configs:\n  - job_name: spinel\n    scrape_interval: 1s\n    static_configs:\n      - targets: [${scrapeTargets.map((t) => JSON.stringify(t)).join(', ')}]\n`
    : '';
  writeFileSync(path.join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n${scrape}`);
  const lifecycle = serverProcess(
    'prometheus',
    PROMETHEUS,
    [
      `--config.file=${dir}/prometheus.yml`,
      `--storage.tsdb.path=${dir}/data`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
      '--log.level=warn',
    ],
    {
      ready: async () => {
        try {
          return (await fetch(`${url}/-/ready`)).status === 200;
        } catch {
          return false; // not listening yet
        }
      },
      attempts: 200,
    },
  );
  const server = {
    url,
    dir,
    output: lifecycle.output,
    start: lifecycle.start,
    stop: lifecycle.stop,
    /** PromQL instant query; returns data.result. */
    query(promql, time) {
      return instantQuery(url, promql, time);
    },
    /** Range query over raw samples: `metric[range]` at `time`; returns data.result. */
    async rawSamples(selector, from, to) {
      const params = new URLSearchParams({ query: `${selector}[${Math.ceil(to - from) + 1}s]`, time: String(to) });
      const body = await (await fetch(`${url}/api/v1/query?${params}`)).json();
      if (body.status !== 'success') throw new Error(`PromQL ${selector}: ${JSON.stringify(body)}`);
      return body.data.result;
    },
  };
  await server.start();
  return server;
}
