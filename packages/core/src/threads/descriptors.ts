import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

// Descriptors are the process's, shared by every worker: one plugin that leaks them (a socket
// per run, a file opened and never closed) takes the whole agent to EMFILE. Each worker counts
// its own, so the one past its share is the one restarted. Sockets and servers are libuv handles
// of the worker's own loop; files opened by number (fs.open, fs.openSync) are counted as they are
// opened and closed. Node closes both when the worker is terminated (trackUnmanagedFds).

/** Kinds of `process.getActiveResourcesInfo()` that each hold a descriptor. */
const HANDLE_KINDS = new Set(['TCPSocketWrap', 'TCPServerWrap', 'TCPWrap', 'UDPWrap', 'PipeWrap', 'PipeServerWrap', 'TTYWrap', 'FSEventWrap', 'FileHandle']);

/** The process's soft limit on open descriptors (RLIMIT_NOFILE), from /proc; 1024 when unknown. */
export function descriptorLimit(): number {
  try {
    const line = fs
      .readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isInteger(soft) && soft > 0 ? Math.min(soft, 1 << 22) : 1024;
  } catch {
    return 1024;
  }
}

/** Descriptors open in the process now (entries of /proc/self/fd); undefined when it cannot be read (EMFILE). */
export function openDescriptors(): number | undefined {
  try {
    return fs.readdirSync('/proc/self/fd').length;
  } catch {
    return undefined;
  }
}

/** Files this worker opened by number and has not closed. */
const opened = new Set<number>();
const mark = (fd: unknown): void => void (typeof fd === 'number' && opened.add(fd));
const unmark = (fd: unknown): void => void (typeof fd === 'number' && opened.delete(fd));

type Callback = (error: NodeJS.ErrnoException | null, fd?: number) => void;

/** In a worker: counts every descriptor fs.open/openSync hands out, until fs.close/closeSync. */
export function trackDescriptors(): void {
  const { open, openSync, close, closeSync } = fs;
  const patched = fs as unknown as Record<string, unknown>;
  patched.openSync = (...args: Parameters<typeof fs.openSync>): number => {
    const fd = openSync(...args);
    mark(fd);
    return fd;
  };
  patched.open = (...args: unknown[]): void => {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: NodeJS.ErrnoException | null, fd?: number) => {
        if (!error) mark(fd);
        (callback as Callback)(error, fd);
      };
    }
    (open as (...a: unknown[]) => void)(...args);
  };
  patched.closeSync = (fd: number): void => {
    closeSync(fd);
    unmark(fd);
  };
  patched.close = (fd: number, callback?: (error: NodeJS.ErrnoException | null) => void): void => {
    close(fd, (error) => {
      if (!error) unmark(fd);
      callback?.(error);
    });
  };
  // `import { openSync } from 'node:fs'` in a plugin sees the patched functions too.
  syncBuiltinESMExports();
}

/** Descriptors this worker holds: files it opened by number, and its sockets, servers and watchers. */
export function descriptorCount(): number {
  let handles = 0;
  for (const kind of process.getActiveResourcesInfo()) if (HANDLE_KINDS.has(kind)) handles++;
  return opened.size + handles;
}
