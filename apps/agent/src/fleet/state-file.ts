import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A file under the state directory, written whole or not at all (temporary file, then rename). */
export function writeStateFile(file: string, text: string, mode: number): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o750 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, file);
}

/** The file's JSON, or undefined when there is none; a file that does not parse is moved aside and named in `problem`. */
export function readStateFile(file: string): { value?: unknown; problem?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { problem: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    const aside = `${file}.corrupt-${Date.now()}`;
    renameSync(file, aside);
    return { problem: `${file} did not parse as JSON; kept as ${aside}` };
  }
}
