export declare const haveZookeeper: boolean;

export interface ZookeeperServer {
  host: string;
  port: number;
  /** `127.0.0.1:<port>`, a connect string. */
  connect: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a standalone ZooKeeper that answers `mntr` and `ruok`. */
export declare function startZookeeper(): Promise<ZookeeperServer>;
