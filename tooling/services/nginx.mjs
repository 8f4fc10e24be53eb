// An nginx of a test's own (Debian's nginx-light or nginx) on 127.0.0.1 and a free port, with
// a stub_status page at /nginx_status (Diamond's default path), a small page at / to load, and
// files under `<dir>/www` for the locations a test adds.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export const NGINX = '/usr/sbin/nginx';
export const haveNginx = existsSync(NGINX);

/** `locations`: more nginx `location` blocks for the server (files under `dir` via `root`). */
export async function startNginx({ locations = '' } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-nginx-'));
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, 'www'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `${asRoot ? 'user root root;\n' : ''}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_timeout 30s;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    location = /nginx_status { stub_status; }
${locations}
    location / { return 200 "ok\\n"; }
  }
}
`,
  );
  const lifecycle = serverProcess('nginx', NGINX, ['-p', dir, '-c', conf, '-e', `${dir}/error.log`, '-g', 'daemon off;'], {
    ready: () => listening(port),
    pollMs: 50,
  });
  const server = { port, dir, url: `http://127.0.0.1:${port}`, start: lifecycle.start, stop: lifecycle.stop };
  await server.start();
  return server;
}
