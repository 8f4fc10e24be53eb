import pg from 'pg';
import { errorReason } from '@spinel/plugin-kit';

/** Where and as whom to connect; `describe` names it in messages (never with the password). */
export interface Server {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  ssl: false | { rejectUnauthorized: boolean };
  timeoutMs: number;
}

export function describeServer(server: Server): string {
  return `postgres at ${server.host.startsWith('/') ? `${server.host}/.s.PGSQL.${server.port}` : `${server.host}:${server.port}`} (user ${server.user})`;
}

/**
 * One client kept across runs (the server sees one connection, application_name `spinel`),
 * opened on first use and dropped after any error, so the next run reconnects.
 */
export class KeptClient {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;

  constructor(readonly server: Server) {}

  async query(text: string): Promise<Array<Record<string, unknown>>> {
    const client = await this.connect();
    try {
      const result = await client.query({ text, query_timeout: this.server.timeoutMs } as pg.QueryConfig);
      return result.rows as Array<Record<string, unknown>>;
    } catch (error) {
      this.drop();
      throw new Error(`${describeServer(this.server)}: ${errorReason(error)}`, { cause: error });
    }
  }

  close(): void {
    this.drop();
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const { server } = this;
    const client = new pg.Client({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      database: server.database,
      ssl: server.ssl,
      application_name: 'spinel',
      connectionTimeoutMillis: server.timeoutMs,
    });
    client.on('error', () => this.drop());
    try {
      await client.connect();
    } catch (error) {
      void client.end().catch(() => undefined);
      throw new Error(`cannot connect to ${describeServer(server)}: ${errorReason(error)}`, { cause: error });
    }
    this.client = client;
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    void client?.end().catch(() => undefined);
  }
}
