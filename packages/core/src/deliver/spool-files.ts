import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

// 0700 and 0600 whatever the umask: spooled samples can name hosts, services and tenants.
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** Writes `data` to a temporary name, syncs and renames it: a killed agent leaves the whole file or none, and a failed write leaves no temporary file. */
export function writeWhole(path: string, data: Buffer): void {
  const temporary = `${path}.tmp`;
  try {
    const fd = openSync(temporary, 'w', FILE_MODE);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
}

/**
 * `mkdir -p` with mode 0700. A recursive mkdir under a read-only or unwritable parent reports
 * ENOENT; one plain mkdir then surfaces the real cause (EROFS, EACCES) for the message.
 */
export function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(dirname(dir))) throw error;
    mkdirSync(dir, { mode: DIR_MODE });
    throw error;
  }
}

export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone, or the disk refuses even that: nothing more to do here
  }
}
