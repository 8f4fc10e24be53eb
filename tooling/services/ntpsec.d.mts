/** Why ntpsec cannot run here (not root, a tool missing, port 123 taken), or undefined. */
export declare function ntpsecUnavailable(): string | undefined;

export interface NtpsecServer {
  dir: string;
  /** An `ntpq` that asks this ntpd (it appends 127.0.0.1 to its arguments). */
  ntpq: string;
  stop(): Promise<void>;
}

/** Resolves once ntpd has a system peer: the chronyd in its own network namespace. */
export declare function startNtpsec(): Promise<NtpsecServer>;
