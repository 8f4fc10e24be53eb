import dgram from 'node:dgram';
import net from 'node:net';
import { SpinelError } from '@spinel/sdk';

export interface ListenerOptions {
  host: string;
  port: number;
  udp: boolean;
  tcp: boolean;
  /** `host:port` of another StatsD to relay every datagram and line to, as received. */
  forward: string | undefined;
  /** Most TCP clients connected at once; further connections are closed as they arrive (counted). */
  maxConnections: number;
  /** A TCP client that sends nothing for this long is closed (counted). */
  idleTimeoutMs: number;
  /** Called with each received chunk of text (one or more lines). */
  onText: (text: string) => void;
}

/** Connection counts since the listener started; the collector publishes their differences. */
export interface ListenerCounts {
  refused: number;
  idleClosed: number;
}

/** The longest line a TCP client may send; a longer one closes its connection. */
const MAX_TCP_LINE = 64 * 1024;

/** UDP socket and/or TCP server receiving StatsD text; the ports stay open while the collector runs. */
export class StatsdListener {
  private udp: dgram.Socket | undefined;
  private tcp: net.Server | undefined;
  private readonly clients = new Set<net.Socket>();
  private forward: { socket: dgram.Socket; host: string; port: number } | undefined;
  readonly counts: ListenerCounts = { refused: 0, idleClosed: 0 };

  constructor(private readonly options: ListenerOptions) {}

  async start(): Promise<void> {
    const { host, port } = this.options;
    const family = net.isIPv6(host) ? 'udp6' : 'udp4';
    if (this.options.forward) {
      const [fhost = '', fport = ''] = splitHostPort(this.options.forward);
      this.forward = { socket: dgram.createSocket(family), host: fhost, port: Number(fport) };
      this.forward.socket.on('error', () => undefined); // a relay that is down is not our failure
    }
    let binding = 'udp';
    try {
      if (this.options.udp) {
        const socket = dgram.createSocket({ type: family, recvBufferSize: 8 * 1024 * 1024 });
        this.udp = socket;
        socket.on('message', (message) => {
          this.relay(message);
          this.options.onText(message.toString('utf8'));
        });
        await new Promise<void>((resolve, reject) => {
          socket.once('error', reject);
          socket.bind(port, host, () => {
            socket.off('error', reject);
            resolve();
          });
        });
        socket.on('error', () => undefined);
      }
      if (this.options.tcp) {
        binding = 'tcp';
        const server = net.createServer((client) => this.serve(client));
        // Past the cap, Node closes each new connection as it is accepted: a flood of connections
        // costs one descriptor for a moment each, never the process's descriptor limit.
        server.maxConnections = this.options.maxConnections;
        server.on('drop', () => void this.counts.refused++);
        this.tcp = server;
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, host, () => {
            server.off('error', reject);
            resolve();
          });
        });
      }
    } catch (error) {
      this.close();
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new SpinelError('SPINEL_OPTION_INVALID', `statsd: listen/port: cannot listen on ${binding} ${host}:${port} (${code})`, { cause: error });
    }
  }

  /** TCP clients connected now. */
  get connections(): number {
    return this.clients.size;
  }

  /** The UDP port bound (the configured one, or the one the system chose for port 0). */
  get udpPort(): number | undefined {
    return this.udp?.address().port;
  }

  get tcpPort(): number | undefined {
    const address = this.tcp?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  close(): void {
    this.udp?.close();
    this.udp = undefined;
    for (const client of this.clients) client.destroy();
    this.tcp?.close();
    this.tcp = undefined;
    this.forward?.socket.close();
    this.forward = undefined;
  }

  private serve(client: net.Socket): void {
    this.clients.add(client);
    client.setTimeout(this.options.idleTimeoutMs, () => {
      this.counts.idleClosed++;
      client.destroy();
    });
    let pending = '';
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => {
      const text = pending + chunk;
      const end = text.lastIndexOf('\n');
      if (end < 0) {
        pending = text;
        if (pending.length > MAX_TCP_LINE) client.destroy();
        return;
      }
      pending = text.slice(end + 1);
      const lines = text.slice(0, end);
      this.relay(Buffer.from(lines));
      this.options.onText(lines);
    });
    client.on('error', () => client.destroy());
    client.on('close', () => this.clients.delete(client));
  }

  private relay(message: Buffer): void {
    const forward = this.forward;
    if (forward) forward.socket.send(message, forward.port, forward.host);
  }
}

/** True when datagrams sent to `host:port` reach a listener on `listen:port`: forwarding there loops. */
export function reachesItself(forward: string, listen: string, port: number): boolean {
  const [host = '', fport = ''] = splitHostPort(forward);
  if (Number(fport) !== port) return false;
  return host.toLowerCase() === listen.toLowerCase() || (isThisHost(host) && isThisHost(listen));
}

/** Addresses that reach this host; a listener on the wildcard receives what is sent to any of them. */
function isThisHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '0.0.0.0' || h === '::' || h === '::1' || h.startsWith('127.');
}

/** `host:port`, `[v6]:port`. */
export function splitHostPort(text: string): [string, string] {
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    return [text.slice(1, end), text.slice(end + 2)];
  }
  const colon = text.lastIndexOf(':');
  return [text.slice(0, colon), text.slice(colon + 1)];
}
