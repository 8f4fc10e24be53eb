export declare const PROMETHEUS: string;
export declare const PROMTOOL: string;
export declare const havePrometheus: boolean;
export declare function promtoolCheckMetrics(text: string): { ok: boolean; output: string };

export interface PromResult {
  metric: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}

export interface Prometheus {
  url: string;
  dir: string;
  output(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  query(promql: string, time?: number): Promise<PromResult[]>;
  rawSamples(selector: string, from: number, to: number): Promise<PromResult[]>;
}

export declare function startPrometheus(options?: { scrapeTargets?: string[] }): Promise<Prometheus>;
