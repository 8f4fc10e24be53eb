#!/usr/bin/env node
// Records a golden testcase of an HTTP-reading collector from a real server: the collector runs
// (built, through the test harness) against a forwarding server that passes each request to the
// target and keeps its answer; the answers become the case's serve.json and files, then
// `pnpm testcases:update` writes expected.json from a replay of them.
//   node tooling/scripts/record-testcase.mjs <collector> <case> <target base URL> [options.yaml] [steps]
// options.yaml names the server as the testcase will: `{replay}` (host:port), `{replay.host}`,
// `{replay.port}`; the file must be named options.yaml. Answers are saved as sent: read them before committing (no secrets, no host
// names you would rather not publish).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CollectorHarness, fillPlaceholders, readCaseOptions } from '../../packages/testing/dist/index.js';
import { ROOT } from './workspace.mjs';

const [collectorName, caseName, target, optionsFile, stepCount = '1'] = process.argv.slice(2);
if (!collectorName || !caseName || !target) {
  console.error('usage: record-testcase.mjs <collector> <case> <target base URL> [options.yaml] [steps]');
  process.exit(2);
}
const packageDir = path.join(ROOT, 'packages', 'collectors', collectorName);
const caseDir = path.join(packageDir, 'test', 'testcases', caseName);
const collector = (await import(pathToFileURL(path.join(packageDir, 'dist', 'index.js')).href)).default;
const options = optionsFile ? readCaseOptions(path.dirname(path.resolve(optionsFile))) : {};
const steps = Number(stepCount);

let answers = {};
const proxy = http.createServer((request, response) => {
  const body = [];
  request.on('data', (chunk) => body.push(chunk));
  request.on('end', async () => {
    const upstream = await fetch(new URL(request.url ?? '/', target), {
      method: request.method,
      headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))),
      ...(body.length > 0 ? { body: Buffer.concat(body) } : {}),
    });
    const text = await upstream.text();
    answers[`${request.method} ${request.url}`] = text;
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' }).end(text);
  });
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const { port } = proxy.address();
const harness = new CollectorHarness(collector, { options: fillPlaceholders(options, { replay: { host: '127.0.0.1', port }, caseDir }) });
mkdirSync(caseDir, { recursive: true });
try {
  for (let step = 0; step < steps; step++) {
    answers = {};
    const result = await harness.step({ time: 1_700_000_000 + step * 10 });
    if (result.result.error) throw new Error(`the run failed: ${result.result.error.message}`);
    const dir = steps === 1 ? caseDir : path.join(caseDir, 'steps', String(step + 1));
    mkdirSync(dir, { recursive: true });
    const files = {};
    for (const [index, [request, text]] of Object.entries(answers).entries()) {
      const json = (() => {
        try {
          return JSON.parse(text);
        } catch {
          return undefined;
        }
      })();
      const stem =
        request
          .replace(/^\S+ \/?/, '')
          .replace(/[^A-Za-z0-9]+/g, '_')
          .replace(/^_|_$/g, '')
          .slice(0, 60) || 'root';
      const file = `${Object.values(files).some((f) => f.startsWith(`${stem}.`)) ? `${stem}_${index + 1}` : stem}.${json !== undefined && typeof json === 'object' ? 'json' : 'txt'}`;
      writeFileSync(path.join(dir, file), json !== undefined && typeof json === 'object' ? `${JSON.stringify(json, null, 2)}\n` : text);
      files[request] = file;
    }
    writeFileSync(path.join(dir, 'serve.json'), `${JSON.stringify({ protocol: 'http', answers: files }, null, 2)}\n`);
    if (step < steps - 1) await new Promise((resolve) => setTimeout(resolve, 10_000));
  }
} finally {
  await harness.close();
  proxy.close();
}
if (optionsFile) writeFileSync(path.join(caseDir, 'options.yaml'), readFileSync(optionsFile, 'utf8'));
writeFileSync(path.join(caseDir, 'expected.json'), `{\n  "interval": 10,\n  "samples": {}\n}\n`);
console.log(`recorded ${caseDir}; now run \`pnpm testcases:update\` and read the diff`);
