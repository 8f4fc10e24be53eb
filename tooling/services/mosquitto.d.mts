export declare const MOSQUITTO: string;
export declare const haveMosquitto: boolean;

export interface Mosquitto {
  url: string;
  port: number;
  dir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startMosquitto(options?: { users?: Record<string, string>; sysInterval?: number }): Promise<Mosquitto>;
