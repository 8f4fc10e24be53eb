import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface FolderScripts {
  /** Executable regular files, by name. */
  run: string[];
  /** Files passed over, and why (not executable; writable by users other than its owner). */
  skipped: Array<{ file: string; why: string }>;
}

/**
 * The scripts of the one configured folder (not its subfolders). A file any other user could
 * write is not run: whoever may edit it would run code as the agent.
 */
export async function folderScripts(folder: string): Promise<FolderScripts> {
  const names = (await readdir(folder)).sort();
  const found: FolderScripts = { run: [], skipped: [] };
  for (const name of names) {
    const file = path.join(folder, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    if ((info.mode & 0o111) === 0) found.skipped.push({ file, why: 'is not executable' });
    else if ((info.mode & 0o022) !== 0)
      found.skipped.push({ file, why: `is writable by ${info.mode & 0o002 ? 'every user' : 'its group'} (mode ${(info.mode & 0o777).toString(8)}); not run` });
    else found.run.push(file);
  }
  return found;
}
