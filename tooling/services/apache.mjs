// An Apache httpd of a test's own (Debian's apache2-bin: the server and its modules, none of the
// package's config or service) on 127.0.0.1 and a free port: mod_status at /server-status with
// ExtendedStatus on (Diamond's HttpdCollector reads `/server-status?auto`), a small page at /index.html.
// The event MPM, as Debian runs it; as root its children run as nobody, as any Apache does.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

export const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
export const haveApache = existsSync(APACHE) && existsSync(path.join(MODULES, 'mod_status.so'));

export async function startApache() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-apache-'));
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, 'www'));
  writeFileSync(path.join(dir, 'www', 'index.html'), 'ok\n');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const conf = path.join(dir, 'httpd.conf');
  writeFileSync(
    conf,
    `ServerRoot ${dir}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
ErrorLog ${dir}/error.log
LogLevel warn
LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule authz_host_module ${MODULES}/mod_authz_host.so
LoadModule status_module ${MODULES}/mod_status.so
${asRoot ? 'User nobody\nGroup nogroup\n' : ''}StartServers 1
ServerLimit 2
ThreadsPerChild 8
MaxRequestWorkers 16
KeepAlive On
KeepAliveTimeout 30
ExtendedStatus On
DocumentRoot ${dir}/www
<Directory ${dir}/www>
  Require all granted
</Directory>
<Location /server-status>
  SetHandler server-status
  Require ip 127.0.0.1
</Location>
`,
  );
  const lifecycle = serverProcess('apache', APACHE, ['-d', dir, '-f', conf, '-DFOREGROUND'], { ready: () => listening(port), pollMs: 50 });
  const server = { port, dir, url: `http://127.0.0.1:${port}`, start: lifecycle.start, stop: lifecycle.stop };
  await server.start();
  return server;
}
