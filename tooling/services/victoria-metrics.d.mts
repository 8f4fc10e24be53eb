import type { PromResult } from './prometheus.mjs';

export declare const VICTORIA_METRICS: string;
export declare const haveVictoriaMetrics: boolean;

export interface VictoriaMetrics {
  url: string;
  /** Where Prometheus remote write goes. */
  writeUrl: string;
  dir: string;
  output(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  query(promql: string, time?: number): Promise<PromResult[]>;
}

export declare function startVictoriaMetrics(): Promise<VictoriaMetrics>;
