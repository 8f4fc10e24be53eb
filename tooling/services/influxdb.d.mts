export declare const INFLUXD: string;
export declare const haveInfluxd: boolean;

export interface InfluxQueryResult {
  results: Array<{
    statement_id: number;
    error?: string;
    series?: Array<{ name: string; tags?: Record<string, string>; columns: string[]; values: unknown[][] }>;
  }>;
  error?: string;
}

export interface Influxd {
  url: string;
  dir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  query(q: string, options?: { db?: string; user?: { name: string; password: string } }): Promise<InfluxQueryResult>;
}

/** With `auth`, user admin / admin-pass exists with all privileges. */
export declare function startInfluxd(options?: { auth?: boolean }): Promise<Influxd>;
