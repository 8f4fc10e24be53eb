import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fake host tree: relative path (`stat`, `net/dev`) to file content. */
export type FakeFiles = Readonly<Record<string, string>>;

/** What a step's fake procfs is: in-memory files, or a folder to copy (a recorded fixture). */
export type FakeTree = FakeFiles | { dir: string };

/** Temp folders for fake host trees; each step gets a fresh one so unlisted files do not exist. */
export class FakeRoots {
  private readonly base = mkdtempSync(path.join(os.tmpdir(), 'spinel-fake-'));
  private counter = 0;

  /** Materialises a tree and returns its root folder. */
  materialise(tree: FakeTree | undefined): string {
    const root = path.join(this.base, String(this.counter++));
    mkdirSync(root, { recursive: true });
    if (!tree) return root;
    if ('dir' in tree && typeof tree.dir === 'string') {
      cpSync(tree.dir, root, { recursive: true });
      return root;
    }
    for (const [relative, content] of Object.entries(tree as FakeFiles)) {
      const file = path.join(root, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    return root;
  }

  dispose(): void {
    rmSync(this.base, { recursive: true, force: true });
  }
}
