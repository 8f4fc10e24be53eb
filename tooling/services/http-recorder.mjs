// A local HTTP endpoint for handler tests: records every request (method, url, headers, body)
// and answers with a status the test sets; it can be stopped and started again on its port,
// keeping what it recorded, for fault tests.
import { createServer } from 'node:http';

export async function startRecorder({ status = 204, port = 0 } = {}) {
  const recorder = {
    port,
    status,
    requests: [],
    server: undefined,
    url(path = '/') {
      return `http://127.0.0.1:${recorder.port}${path}`;
    },
    async start() {
      const server = createServer((req, res) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
          recorder.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
          res.writeHead(recorder.status).end(recorder.status >= 400 ? 'refused by the test\n' : '');
        });
      });
      await new Promise((resolve) => server.listen(recorder.port, '127.0.0.1', resolve));
      recorder.port = server.address().port;
      recorder.server = server;
    },
    async stop() {
      const server = recorder.server;
      recorder.server = undefined;
      if (!server) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
  await recorder.start();
  return recorder;
}
