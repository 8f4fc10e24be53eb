export declare const haveNginx: boolean;

export interface NginxServer {
  port: number;
  dir: string;
  /** `http://127.0.0.1:<port>`; `/nginx_status` is the stub_status page, `/` answers "ok". */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `locations`: extra nginx `location` blocks; files they serve go under `<dir>/www`. */
export declare function startNginx(options?: { locations?: string }): Promise<NginxServer>;
