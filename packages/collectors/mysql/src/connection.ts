import mysql from 'mysql2/promise';
import { errorReason } from '@spinel/plugin-kit';
import type { MysqlServer } from './hosts.js';

export type Row = Record<string, unknown>;

/** `mysql at host:port (user u)`: how messages name a server (never with its password). */
export function describeServer(server: MysqlServer & { socket?: string | undefined }): string {
  return `mysql at ${server.socket ?? `${server.host}:${server.port}`} (user ${server.user})`;
}

/**
 * One connection kept across runs (Diamond connected and disconnected every run, which a busy
 * server sees as connection churn in its own Connections counter); opened on first use and
 * dropped after any error, so the next run reconnects.
 */
export class KeptConnection {
  private connection: mysql.Connection | undefined;
  private connecting: Promise<mysql.Connection> | undefined;

  constructor(
    readonly server: MysqlServer & { socket?: string | undefined },
    private readonly timeoutMs: number,
  ) {}

  async query(sql: string, values?: readonly string[]): Promise<Row[]> {
    const connection = await this.connect();
    try {
      const [rows] = await connection.query({ sql, values: values ? [...values] : undefined, timeout: this.timeoutMs });
      return rows as Row[];
    } catch (error) {
      // A refused statement (a privilege, a syntax this version lacks) leaves the connection usable.
      if ((error as { fatal?: boolean }).fatal !== false) this.drop();
      throw new QueryError(`${describeServer(this.server)}: ${sql.split(' ').slice(0, 4).join(' ')}: ${errorReason(error)}`, error);
    }
  }

  close(): void {
    this.drop();
  }

  private connect(): Promise<mysql.Connection> {
    if (this.connection) return Promise.resolve(this.connection);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<mysql.Connection> {
    const { server } = this;
    try {
      const connection = await mysql.createConnection({
        ...(server.socket ? { socketPath: server.socket } : { host: server.host, port: server.port }),
        user: server.user,
        password: server.password,
        database: server.database,
        connectTimeout: this.timeoutMs,
        connectAttributes: { program_name: 'spinel' },
      });
      connection.on('error', () => this.drop());
      this.connection = connection;
      return connection;
    } catch (error) {
      const reason = errorReason(error);
      throw new Error(`cannot connect to ${describeServer(server)}: ${reason === 'ETIMEDOUT' ? `ETIMEDOUT after ${this.timeoutMs / 1000} s` : reason}`, {
        cause: error,
      });
    }
  }

  private drop(): void {
    const connection = this.connection;
    this.connection = undefined;
    connection?.destroy();
  }
}

/** A query the server refused or did not answer; `errno` is the server's error number, if any. */
export class QueryError extends Error {
  readonly errno: number | undefined;
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.errno = (cause as { errno?: number }).errno;
  }
}
