// A MariaDB server of a test's own (Debian's mariadb-server binaries) on 127.0.0.1 and a free
// port, its data in a temp folder, with the binary log on (so SHOW MASTER STATUS has a position)
// and a password user `spinel`, for what the machine's passwordless server cannot show: a wrong
// password, a server stopped and started, a master's binary log.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, listening, serverProcess } from './process.mjs';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';
const CLIENT = '/usr/bin/mariadb';
export const haveMariadbServer = existsSync(MARIADBD) && existsSync(INSTALL_DB) && existsSync(CLIENT);

export async function startMariadb({ password = 'spinel-test-password', serverId = 1 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-mariadb-'));
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  // mariadbd refuses to run as root unless told a user; the data folder must be that user's.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['mysql:mysql', dir]);
  const user = asRoot ? ['--user=mysql'] : [];
  execFileSync(INSTALL_DB, ['--no-defaults', `--datadir=${data}`, ...user, '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'ignore' });
  const port = await freePort();
  const args = [
    '--no-defaults',
    `--datadir=${data}`,
    ...user,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${socket}`,
    `--pid-file=${path.join(dir, 'mysqld.pid')}`,
    `--log-bin=${path.join(dir, 'binlog')}`,
    `--server-id=${serverId}`,
    '--innodb-buffer-pool-size=16M',
    '--skip-name-resolve',
    '--innodb-flush-log-at-trx-commit=0',
  ];
  const lifecycle = serverProcess('mariadbd', MARIADBD, args, { ready: () => listening(port), pollMs: 100 });
  await lifecycle.start();
  const sql = (statement) => execFileSync(CLIENT, ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', statement], { stdio: 'pipe' });
  // Kept out of the binary log, so a replica (which sets up the same itself) does not replay it.
  sql(
    `SET sql_log_bin = 0; CREATE USER 'spinel'@'127.0.0.1' IDENTIFIED BY '${password}'; GRANT ALL ON *.* TO 'spinel'@'127.0.0.1'; CREATE DATABASE spinel_test;`,
  );
  return { port, user: 'spinel', password, dir, socket, sql, start: lifecycle.start, stop: lifecycle.stop };
}

/** A replica of `primary` (its own server, replicating from the primary's binary log as `spinel`). */
export async function startMariadbReplica(primary) {
  const replica = await startMariadb({ password: primary.password, serverId: 2 });
  replica.sql(
    `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='${primary.user}', MASTER_PASSWORD='${primary.password}', MASTER_USE_GTID=no; START SLAVE;`,
  );
  return replica;
}
