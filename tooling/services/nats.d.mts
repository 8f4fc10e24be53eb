export declare const NATS_SERVER: string;
export declare const haveNatsServer: boolean;

export interface NatsServer {
  url: string;
  port: number;
  dir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startNatsServer(options?: { user?: string; password?: string }): Promise<NatsServer>;
