import net from 'node:net';

/** mntr figures Diamond (and the Metricly fork) left out: they are not numbers. */
const IGNORED = new Set(['zk_version', 'zk_server_state']);
/** An mntr answer is about forty lines: 64 KB is far past any. */
const MAX_BYTES = 64 * 1024;

/** ZooKeeper's `mntr` four-letter command: its numeric `key value` lines. */
export function readMntr(target: { host: string; port: number | undefined }, timeoutMs: number, signal: AbortSignal): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const socket = target.port === undefined ? net.connect(target.host) : net.connect(target.port, target.host);
    const chunks: Buffer[] = [];
    let bytes = 0;
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`mntr: no answer within ${timeoutMs / 1000} s`)));
    const onAbort = (): void => fail(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('connect', () => socket.end('mntr\n'));
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_BYTES) fail(new Error(`mntr: answer past ${MAX_BYTES} bytes`));
      else chunks.push(chunk);
    });
    socket.on('error', (error) => fail(error));
    socket.on('close', () => {
      signal.removeEventListener('abort', onAbort);
      const text = Buffer.concat(chunks).toString('utf8');
      if (/not (in the whitelist|executed)/.test(text)) return reject(new Error(`mntr: ${text.trim().slice(0, 120)}`));
      const figures = new Map<string, number>();
      for (const line of text.split('\n')) {
        const [key, value] = line.trim().split(/\s+/);
        if (key && value !== undefined && !IGNORED.has(key) && /^-?\d+(\.\d+)?$/.test(value)) figures.set(key, Number(value));
      }
      // A ZooKeeper that is starting (or lost its quorum) answers a sentence instead of figures.
      if (!text.includes('zk_server_state')) return reject(new Error(`mntr: ${text.trim().split('\n')[0]?.slice(0, 120) || 'an empty answer'}`));
      resolve(figures);
    });
  });
}
