export declare const POSTGRES_BIN: string | undefined;
export declare const havePostgresServer: boolean;

export interface PostgresServer {
  port: number;
  /** The `postgres` user's password (scram-sha-256 authentication). */
  password: string;
  dir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startPostgres(options?: { password?: string }): Promise<PostgresServer>;

/** A streaming replica of `primary` (pg_basebackup -R) on a port of its own. */
export declare function startPostgresReplica(primary: PostgresServer): Promise<PostgresServer>;
