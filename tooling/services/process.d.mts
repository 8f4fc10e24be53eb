export declare function freePort(): Promise<number>;
export declare function freeUdpPort(): Promise<number>;
export declare function listening(port: number): Promise<boolean>;
export interface ServerProcess {
  output(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
export declare function serverProcess(
  name: string,
  command: string,
  args: string[],
  options: { ready: () => Promise<boolean>; attempts?: number; pollMs?: number },
): ServerProcess;
/** Established TCP connections to 127.0.0.1:port (client side), from /proc/net/tcp. */
export declare function establishedConnections(port: number, pid?: number): number;
/** A server that accepts connections on 127.0.0.1 and never answers (a hung backend). */
export declare function startSilentServer(): Promise<{ port: number; close(): Promise<void> }>;
