export declare const VARNISHSTAT: string;
export declare const haveVarnish: boolean;

export interface VarnishServer {
  /** The working directory: `varnishstat -n <dir>`. */
  dir: string;
  port: number;
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `backend`: `host:port` of the web server Varnish fronts. */
export declare function startVarnish(options: { backend: string }): Promise<VarnishServer>;
