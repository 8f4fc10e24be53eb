// prometheus-node-exporter (Debian) of a test's own on 127.0.0.1 and a free port.
import { existsSync } from 'node:fs';
import { freePort, listening, serverProcess } from './process.mjs';

export const NODE_EXPORTER = '/usr/bin/prometheus-node-exporter';
export const haveNodeExporter = existsSync(NODE_EXPORTER);

/** `collectors`: node_exporter collectors to keep (the others are disabled, for a fast scrape). */
export async function startNodeExporter({ collectors = ['cpu', 'loadavg', 'meminfo', 'netdev'] } = {}) {
  const port = await freePort();
  const only = collectors.length > 0 ? ['--collector.disable-defaults', ...collectors.map((c) => `--collector.${c}`)] : [];
  const lifecycle = serverProcess('prometheus-node-exporter', NODE_EXPORTER, [`--web.listen-address=127.0.0.1:${port}`, ...only], {
    ready: () => listening(port),
    pollMs: 50,
  });
  const exporter = { port, url: `http://127.0.0.1:${port}/metrics`, start: lifecycle.start, stop: lifecycle.stop };
  await exporter.start();
  return exporter;
}
