import type { IncomingHttpHeaders } from 'node:http';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Recorder {
  port: number;
  /** The status every request is answered with; tests change it. */
  status: number;
  requests: RecordedRequest[];
  url(path?: string): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startRecorder(options?: { status?: number; port?: number }): Promise<Recorder>;
