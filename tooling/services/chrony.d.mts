export declare const CHRONYC: string;
export declare const haveChrony: boolean;

export interface ChronyServer {
  dir: string;
  /** The client chronyd's command port, for `chronyc -h 127.0.0.1 -p <cmdPort>`. */
  cmdPort: number;
  /** chronyc's arguments that reach the client: `-h 127.0.0.1 -p <cmdPort>`. */
  args: string[];
  stop(): Promise<void>;
}

/** Resolves once the client's sourcestats lists its server with `samples` samples (3). */
export declare function startChrony(options?: { samples?: number }): Promise<ChronyServer>;
