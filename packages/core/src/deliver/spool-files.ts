import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
export { makeDir } from '../support/private-dir.js';

// 0600 whatever the umask: spooled samples can name hosts, services and tenants (folders: 0700).
const FILE_MODE = 0o600;

/** Writes `data` to a temporary name, syncs and renames it: a killed agent leaves the whole file or none, and a failed write leaves no temporary file. */
export function writeWhole(path: string, data: Buffer, mode = FILE_MODE): void {
  const temporary = `${path}.tmp`;
  try {
    const fd = openSync(temporary, 'w', mode);
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

export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone, or the disk refuses even that: nothing more to do here
  }
}
