export declare const NODE_EXPORTER: string;
export declare const haveNodeExporter: boolean;

export interface NodeExporter {
  port: number;
  /** `http://127.0.0.1:<port>/metrics` */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startNodeExporter(options?: { collectors?: string[] }): Promise<NodeExporter>;
