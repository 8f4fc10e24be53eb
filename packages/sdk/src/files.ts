import { readFileSync } from 'node:fs';

/**
 * Reads a host file as text, or `undefined` when it does not exist (a kernel without PSI, a
 * container without a NIC). Other errors (permissions) propagate.
 *
 * The read is synchronous on purpose: procfs and sysfs files are generated in memory by the
 * kernel and never wait on a disk or network, collectors run in their own worker thread, and a
 * synchronous read costs a few microseconds where the promise-based one costs several thread-pool
 * round trips. Do not use it for files on network file systems.
 */
export async function readOptionalFile(file: string, signal?: AbortSignal): Promise<string | undefined> {
  signal?.throwIfAborted();
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
