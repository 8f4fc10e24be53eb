export declare const haveHaproxy: boolean;

export interface HaproxyServer {
  dir: string;
  /** The frontend's port (forwards to the backend's web1; web2, a backup, is down). */
  port: number;
  statsPort: number;
  /** The stats socket (`show stat`). */
  socket: string;
  url: string;
  /** The stats page as CSV, behind Basic auth (`user`, `password`). */
  statsUrl: string;
  user: string;
  password: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare function startHaproxy(options: { backend: string; user?: string; password?: string }): Promise<HaproxyServer>;
