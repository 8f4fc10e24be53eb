export declare const REDIS_SERVER: string;
export declare const haveRedisServer: boolean;

export interface RedisServer {
  port: number;
  /** The unix socket it also listens on. */
  socket: string;
  dir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startRedis(options?: { password?: string; port?: number }): Promise<RedisServer>;
