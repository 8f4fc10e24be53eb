export declare const havePdns: boolean;
export declare const PDNS_CONTROL: string;

export interface PdnsServer {
  port: number;
  /** The control socket's folder: `pdns_control --socket-dir=<dir>`. */
  dir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startPdns(): Promise<PdnsServer>;
