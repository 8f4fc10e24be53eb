import { readFile } from 'node:fs/promises';

/**
 * Reads a host file as text, or `undefined` when it does not exist (a kernel without PSI, a
 * container without a NIC). Other errors (permissions) propagate.
 */
export async function readOptionalFile(file: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    return await readFile(file, { encoding: 'utf8', signal });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}
