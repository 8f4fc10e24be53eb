import { existsSync } from 'node:fs';
import { open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface RotationPolicy {
  midnight: boolean;
  maxBytes: number;
  keep: number;
  /** Permissions of every file, set explicitly so the umask cannot widen or narrow them. */
  mode: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}${pad(d.getMilliseconds(), 3)}`;
}

/**
 * An append-only file that rotates at local midnight and/or past a size, naming rotated files
 * `<file>.<YYYYMMDD-HHMMSSmmm>` (sortable) and keeping the newest `keep` of them.
 */
export class RotatingFile {
  private handle: FileHandle | undefined;
  private size = 0;
  private day = '';

  constructor(
    readonly file: string,
    private readonly policy: RotationPolicy,
    private readonly nowMs: () => number,
  ) {}

  async append(text: string): Promise<void> {
    const now = this.nowMs();
    const bytes = Buffer.byteLength(text);
    if (
      this.handle &&
      ((this.policy.midnight && localDay(now) !== this.day) || (this.policy.maxBytes > 0 && this.size > 0 && this.size + bytes > this.policy.maxBytes))
    ) {
      await this.rotate(now);
    }
    const handle = await this.ensureOpen(now);
    await handle.write(text);
    this.size += bytes;
  }

  private async ensureOpen(now: number): Promise<FileHandle> {
    if (this.handle) return this.handle;
    this.handle = await open(this.file, 'a', this.policy.mode);
    await this.handle.chmod(this.policy.mode);
    const existing = await stat(this.file);
    this.size = existing.size;
    // A file left from a previous day is rotated on the first write of a new day.
    this.day = existing.size > 0 ? localDay(existing.mtimeMs) : localDay(now);
    if (this.policy.midnight && this.day !== localDay(now)) {
      await this.rotate(now);
      return this.ensureOpen(now);
    }
    return this.handle;
  }

  private async rotate(now: number): Promise<void> {
    await this.close();
    // Two rotations in one millisecond must not overwrite each other: bump to a free name.
    let at = now;
    while (existsSync(`${this.file}.${stamp(at)}`)) at++;
    await rename(this.file, `${this.file}.${stamp(at)}`);
    await this.prune();
  }

  private async prune(): Promise<void> {
    const dir = path.dirname(this.file);
    const prefix = `${path.basename(this.file)}.`;
    const rotated = (await readdir(dir)).filter((name) => name.startsWith(prefix) && /^\d{8}-\d{9}$/.test(name.slice(prefix.length))).sort();
    for (const old of rotated.slice(0, Math.max(0, rotated.length - this.policy.keep))) await unlink(path.join(dir, old));
  }

  async sync(): Promise<void> {
    await this.handle?.datasync();
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}
