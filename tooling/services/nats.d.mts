export declare const NATS_SERVER: string;
export declare const haveNatsServer: boolean;

export interface NatsServer {
  url: string;
  port: number;
  /** `http://127.0.0.1:<port>` of /varz, /connz, /jsz when started with `monitor`. */
  monitorUrl: string | undefined;
  dir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startNatsServer(options?: { user?: string; password?: string; monitor?: boolean; jetstream?: boolean }): Promise<NatsServer>;
