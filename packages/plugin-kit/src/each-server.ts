import { SpinelError } from '@spinel/sdk';

/**
 * A service collector's run over its servers: `read` each one side by side, close every
 * connection when the run passes its deadline (so a server that never answers cannot hold the
 * next run), and fail the run once with every failed server's message, after the others have
 * published.
 */
export async function readEachServer<T>(
  signal: AbortSignal,
  servers: Iterable<T>,
  close: (server: T) => void,
  read: (server: T) => Promise<void>,
): Promise<void> {
  const all = [...servers];
  const abort = (): void => {
    for (const server of all) close(server);
  };
  signal.addEventListener('abort', abort, { once: true });
  const failures: string[] = [];
  try {
    await Promise.all(
      all.map((server) =>
        read(server).catch((error: unknown) => {
          failures.push(error instanceof Error ? error.message : String(error));
        }),
      ),
    );
  } finally {
    signal.removeEventListener('abort', abort);
  }
  if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
}
