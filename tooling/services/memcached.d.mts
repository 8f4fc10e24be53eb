export declare const MEMCACHED: string;
export declare const haveMemcached: boolean;

export interface MemcachedServer {
  port: number;
  /** Its unix socket, when started with `socket: true` (then it listens on no port). */
  socket: string;
  dir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startMemcached(options?: { maxConnections?: number; socket?: boolean }): Promise<MemcachedServer>;
