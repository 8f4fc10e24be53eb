import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import type { RequestListener, Server } from 'node:http';
import net from 'node:net';
import { dirname } from 'node:path';
import { boundHttpServer, http, type ListenerEvents } from '@spinel/plugin-kit';
import type { Logger } from '@spinel/sdk';

/** True when something answers on the Unix socket at `path` (another agent); false when it is stale. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(path, () => {
      probe.destroy();
      resolve(true);
    });
    probe.on('error', () => resolve(false));
  });
}

/**
 * The control socket: the status server's answers, and a reload without a token, for whoever
 * the file's mode lets in (0660: the agent's user, its group, root), as Docker's socket does.
 * A stale socket from a killed agent is replaced; anything else at the path (a file, a link, a
 * live agent) is left alone and said. Undefined when it could not be opened.
 */
export async function openControlSocket(path: string, answer: RequestListener, log: Logger, counts: ListenerEvents): Promise<Server | undefined> {
  const skip = (why: string): undefined => {
    log.warn(`control socket not opened at ${path}: ${why}; reload with SIGHUP, or over TCP with agent.status.token`);
    return undefined;
  };
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
    const existing = lstatSync(path, { throwIfNoEntry: false });
    if (existing && !existing.isSocket()) return skip('something other than a socket is there');
    if (existing && (await answers(path))) return skip('another agent answers on it');
    if (existing) unlinkSync(path);
  } catch (error) {
    return skip((error as NodeJS.ErrnoException).code ?? String(error));
  }
  const server = http.createServer(answer);
  // A reload may take a minute (plugins restart); the cap and idle close hold as on TCP.
  boundHttpServer(server, { maxConnections: 8, idleMs: 70_000, requestMs: 70_000 }, counts);
  // The socket is made with the umask's mode; 0117 makes it 0660 from its first moment.
  const umask = process.umask(0o117);
  const bound = await new Promise<boolean>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      skip(error.code ?? error.message);
      resolve(false);
    });
    try {
      server.listen(path, () => resolve(true));
    } finally {
      process.umask(umask);
    }
  });
  if (!bound) return undefined;
  chmodSync(path, 0o660);
  return server;
}
