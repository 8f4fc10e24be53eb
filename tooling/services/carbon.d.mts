export declare const CARBON: string;
export declare const haveCarbon: boolean;
export declare function freePort(): Promise<number>;

export interface Carbon {
  dir: string;
  linePort: number;
  picklePort: number;
  readonly pid: number | undefined;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Datapoints of a metric as [timestamp, value], from its whisper file. */
  fetch(metric: string, from: number): Array<[number, number]>;
}

export declare function startCarbon(options?: { retentions?: string }): Promise<Carbon>;
