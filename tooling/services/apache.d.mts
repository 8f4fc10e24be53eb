export declare const haveApache: boolean;

export interface ApacheServer {
  port: number;
  dir: string;
  /** `http://127.0.0.1:<port>`; `/server-status?auto` is mod_status's page, `/index.html` answers "ok". */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startApache(): Promise<ApacheServer>;
