import type { PromResult } from './prometheus.mjs';

export declare function instantQuery(url: string, promql: string, time?: number): Promise<PromResult[]>;
