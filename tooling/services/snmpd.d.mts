export declare const haveSnmpd: boolean;

export interface SnmpdServer {
  host: string;
  /** Its UDP port. */
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts snmpd answering communities `public` and `secret` from 127.0.0.1. */
export declare function startSnmpd(): Promise<SnmpdServer>;
