// A PostgreSQL server of a test's own (Debian's postgresql binaries), on 127.0.0.1 and a free
// port, its data in a temp folder, password (scram) authentication on, for the cases the
// machine's trust-auth server cannot show (a wrong password, a server stopped and started).
// initdb refuses to run as root, so as root it runs as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

function binDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root).sort().at(-1);
  return version && existsSync(path.join(root, version, 'bin', 'initdb')) ? path.join(root, version, 'bin') : undefined;
}

export const POSTGRES_BIN = binDir();
export const havePostgresServer = POSTGRES_BIN !== undefined;

const asRoot = process.getuid?.() === 0;
/** initdb and postgres refuse to run as root; as root they run as the `postgres` user. */
const run = (command, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]);

function ownedTempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-postgres-'));
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  return dir;
}

/** Runs a server on an initialised data folder; resolves once it accepts logins. */
async function launch(dir, data, password) {
  const port = await freePort();
  const [command, args] = run(path.join(POSTGRES_BIN, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  // The port opens before the server accepts logins ("the database system is starting up");
  // pg_isready answers 0 only once it does.
  const accepting = async () =>
    (await listening(port)) && spawnSync(path.join(POSTGRES_BIN, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0;
  const lifecycle = serverProcess('postgres', command, args, { ready: accepting, pollMs: 100 });
  // SIGTERM is PostgreSQL's smart shutdown, which waits for every client to leave; a test that
  // stops the server means the fast one (clients disconnected at once), as an outage would.
  const stop = async () => {
    const [ctl, ctlArgs] = run(path.join(POSTGRES_BIN, 'pg_ctl'), ['-D', data, 'stop', '-m', 'fast', '-w']);
    try {
      execFileSync(ctl, ctlArgs, { stdio: 'ignore' });
    } catch {
      // not running
    }
    await lifecycle.stop();
  };
  const server = { port, password, dir, start: lifecycle.start, stop };
  await server.start();
  return server;
}

export async function startPostgres({ password = 'spinel-test-password' } = {}) {
  const dir = ownedTempDir();
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  if (asRoot) execFileSync('chown', ['postgres:postgres', pwfile]);
  const [initCommand, initArgs] = run(path.join(POSTGRES_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '--no-sync',
  ]);
  execFileSync(initCommand, initArgs, { stdio: 'ignore' });
  return launch(dir, data, password);
}

/** A streaming replica of `primary` (pg_basebackup -R), read-only, replaying its WAL. */
export async function startPostgresReplica(primary) {
  const dir = ownedTempDir();
  const data = path.join(dir, 'data');
  const [command, args] = run('env', [
    `PGPASSWORD=${primary.password}`,
    path.join(POSTGRES_BIN, 'pg_basebackup'),
    '-D',
    data,
    '-R',
    '-X',
    'stream',
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
  ]);
  execFileSync(command, args, { stdio: 'ignore' });
  return launch(dir, data, primary.password);
}
