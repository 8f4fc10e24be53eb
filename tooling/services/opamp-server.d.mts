export interface OpampAgentRecord {
  /** Hex of the 16-byte instance uid. */
  instanceUid: string;
  messages: number;
  sequence: number | undefined;
  capabilities: number;
  firstSeenAt: number;
  lastSeenAt: number;
  /** The last message carried agent_disconnect. */
  disconnected: boolean;
  description?: { identifying: Record<string, unknown>; nonIdentifying: Record<string, unknown> };
  /** The last ComponentHealth reported, as protobufjs decodes it (snake_case keys). */
  health?: {
    healthy?: boolean;
    status?: string;
    last_error?: string;
    component_health_map?: Record<
      string,
      {
        healthy?: boolean;
        status?: string;
        last_error?: string;
        component_health_map?: Record<string, { healthy?: boolean; status?: string; last_error?: string }>;
      }
    >;
  };
  /** Config file name to text. */
  effectiveConfig?: Record<string, string>;
  remoteConfigStatus?: { hash: string; status: 'UNSET' | 'APPLIED' | 'APPLYING' | 'FAILED'; error: string; at: number };
  statusHistory?: Array<{ hash: string; status: string; error: string; at: number }>;
}

export interface OpampServer {
  port: number;
  readonly url: string;
  agents: Map<string, OpampAgentRecord>;
  /** What broke the protocol; a test expects none. */
  violations: string[];
  requests: number;
  offer: { text: string; hash: string } | undefined;
  /** Seconds of Retry-After every request is answered 503 with, while set. */
  unavailable: number | undefined;
  offerConfig(text: string): string;
  waitFor(check: (agents: OpampAgentRecord[]) => boolean, timeoutMs: number, what: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare const REMOTE_CONFIG_STATUS: Record<number, string>;

export declare function startOpampServer(options?: {
  port?: number;
  tls?: { cert: string; key: string; ca?: string };
  headers?: Record<string, string>;
}): Promise<OpampServer>;
