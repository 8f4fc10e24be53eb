import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { writeWhole } from '@spinel/core';

/** A file under the state directory, written whole or not at all (the spool's synced temporary file, then rename). */
export function writeStateFile(file: string, text: string, mode: number): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o750 });
  writeWhole(file, Buffer.from(text), mode);
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
