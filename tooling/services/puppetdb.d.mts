export declare const havePuppetdb: boolean;

export interface PuppetdbServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  host: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a PuppetDB (about 20 s) with its own database on the machine's PostgreSQL. */
export declare function startPuppetdb(): Promise<PuppetdbServer>;

/** Submits facts, a catalog and a report whose resource events have these statuses, for `certname`. */
export declare function populatePuppetdb(url: string, certname: string, statuses: readonly string[]): Promise<void>;
