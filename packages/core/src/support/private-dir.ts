import { chmodSync, existsSync, lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

// 0700 whatever the umask: a spool's samples can name hosts, services and tenants.
const DIR_MODE = 0o700;

/**
 * `mkdir -p` with mode 0700. A recursive mkdir under a read-only or unwritable parent reports
 * ENOENT; one plain mkdir then surfaces the real cause (EROFS, EACCES) for the message. The
 * folder itself must be a real folder of this user's: a symbolic link there (someone else's
 * doing: the agent makes folders, not links) or another user's folder is refused, and a folder
 * others may read or write (0777 left by someone) is brought back to 0700.
 */
export function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(dirname(dir))) throw error;
    mkdirSync(dir, { mode: DIR_MODE });
    throw error;
  }
  const stats = lstatSync(dir);
  const refuse = (why: string): Error => Object.assign(new Error(`spool folder ${dir} ${why}; the spool will not use it`), { code: 'ESPOOLDIR' });
  if (stats.isSymbolicLink()) throw refuse('is a symbolic link');
  if (!stats.isDirectory()) throw refuse('is not a folder');
  if (process.getuid && stats.uid !== process.getuid()) throw refuse(`belongs to another user (uid ${stats.uid})`);
  if ((stats.mode & 0o077) !== 0) chmodSync(dir, DIR_MODE);
}
