export declare const haveMariadbServer: boolean;

export interface MariadbServer {
  port: number;
  /** A user with every privilege, authenticated by `password`. */
  user: string;
  password: string;
  dir: string;
  socket: string;
  /** Runs SQL as root through the unix socket. */
  sql(statement: string): Buffer;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startMariadb(options?: { password?: string; serverId?: number }): Promise<MariadbServer>;

/** A second server replicating from `primary`'s binary log (SHOW SLAVE STATUS has a row). */
export declare function startMariadbReplica(primary: MariadbServer): Promise<MariadbServer>;
