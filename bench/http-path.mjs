#!/usr/bin/env node
// What one small HTTP GET costs on each request path (issue 34), against an nginx of the bench's
// own serving stub_status on a free port: CPU per request by process.cpuUsage() over N requests
// after 200 to warm up, three rounds, through the HttpSource the HTTP collectors use, undici's
// pool.request and raw dispatch, and node:http with a keep-alive agent.
//   node bench/http-path.mjs
//   BENCH_REQUESTS=5000 node bench/http-path.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tooling/services/process.mjs';
import { findBinary, fmt, sleep, table } from './lib.mjs';

// By path: these are not dependencies of the bench package.
const require = createRequire(new URL('../packages/http/package.json', import.meta.url));
const { Pool } = require('undici');
const { HttpSource } = await import('../packages/http/dist/index.js');

const N = Number(process.env.BENCH_REQUESTS ?? 3000);
const nginx = findBinary('/usr/sbin/nginx');
if (!nginx) throw new Error('nginx is not installed (apt-get install nginx-light)');
const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-http-'));
const port = await freePort();
const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir};`).join(' ');
writeFileSync(
  path.join(dir, 'nginx.conf'),
  `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events {} http { access_log off; ${temp} server { listen 127.0.0.1:${port}; location /nginx_status { stub_status; } } }`,
);
const server = spawn(nginx, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
await sleep(500);

const url = `http://127.0.0.1:${port}`;
const source = new HttpSource({ url, timeoutMs: 5000, maxBytes: 256 * 1024 });
const pool = new Pool(url, { connections: 1 });
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

const paths = {
  'HttpSource.get (the collectors)': () => source.get('/nginx_status'),
  'undici pool.request + text()': async () => (await pool.request({ method: 'GET', path: '/nginx_status' })).body.text(),
  'undici pool.dispatch': () =>
    new Promise((resolve, reject) => {
      const chunks = [];
      pool.dispatch(
        { method: 'GET', path: '/nginx_status' },
        {
          onConnect() {},
          onHeaders: () => true,
          onData: (chunk) => chunks.push(chunk) > 0,
          onComplete: () => resolve(Buffer.concat(chunks).toString()),
          onError: reject,
        },
      );
    }),
  'node:http, keep-alive agent': () =>
    new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/nginx_status', agent }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (text) => (body += text));
          response.on('end', () => resolve(body));
        })
        .on('error', reject);
    }),
};

async function cpuPerRequest(request) {
  for (let i = 0; i < 200; i++) await request();
  const before = process.cpuUsage();
  for (let i = 0; i < N; i++) await request();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / N;
}

const rows = [['path', 'round 1 CPU ms/request', 'round 2', 'round 3']];
const results = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
for (let round = 0; round < 3; round++) for (const [name, request] of Object.entries(paths)) results[name].push(await cpuPerRequest(request));
for (const [name, figures] of Object.entries(results)) rows.push([name, ...figures.map((f) => fmt(f, 3))]);
console.log(`${process.version}, ${N} requests a round against nginx stub_status`);
console.log(table(rows));
server.kill();
await source.close();
await pool.close();
agent.destroy();
