import { stat, statfs } from 'node:fs/promises';
import type { FilesystemStats } from '@spinel/sdk';

/**
 * The host's answer to a collector's `ctx.statfs`. Node's statfs has no `frsize` or `favail`:
 * Linux's statfs(2) counts blocks in `bsize` units for the filesystems Node reports, and glibc's
 * statvfs sets `favail` to `ffree`, so those stand in. Runs on libuv's thread pool, so a dead NFS
 * server stalls the run (until its deadline), not the worker.
 */
export async function statfsOf(path: string): Promise<FilesystemStats | undefined> {
  const [info, fs] = await Promise.all([stat(path).catch(() => undefined), statfs(path).catch(() => undefined)]);
  if (!info || !fs) return undefined;
  return {
    dev: info.dev,
    bsize: fs.bsize,
    frsize: fs.bsize,
    blocks: fs.blocks,
    bfree: fs.bfree,
    bavail: fs.bavail,
    files: fs.files,
    ffree: fs.ffree,
    favail: fs.ffree,
  };
}
