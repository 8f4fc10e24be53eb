// The part of opamp.proto (proto/opamp/v1, copied from open-telemetry/opamp-spec) this client
// speaks, as the plain objects protobufjs encodes and decodes with `keepCase`: field names as
// the .proto spells them.

/** AgentCapabilities bits this client can declare. */
export const AgentCapabilities = {
  ReportsStatus: 0x1,
  AcceptsRemoteConfig: 0x2,
  ReportsEffectiveConfig: 0x4,
  ReportsHealth: 0x800,
  ReportsRemoteConfig: 0x1000,
  ReportsHeartbeat: 0x2000,
} as const;

export const ServerToAgentFlags = { ReportFullState: 0x1 } as const;

export const RemoteConfigStatuses = { UNSET: 0, APPLIED: 1, APPLYING: 2, FAILED: 3 } as const;
export type RemoteConfigStatusCode = (typeof RemoteConfigStatuses)[keyof typeof RemoteConfigStatuses];

export const ServerErrorResponseType = { Unknown: 0, BadRequest: 1, Unavailable: 2 } as const;

export interface AnyValue {
  string_value?: string;
  bool_value?: boolean;
  int_value?: number;
  double_value?: number;
  array_value?: { values: AnyValue[] };
}

export interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface AgentDescription {
  identifying_attributes: KeyValue[];
  non_identifying_attributes: KeyValue[];
}

export interface ComponentHealth {
  healthy: boolean;
  /** Unix ns; 0 when not running. */
  start_time_unix_nano?: number;
  last_error?: string;
  status?: string;
  status_time_unix_nano?: number;
  component_health_map?: Record<string, ComponentHealth>;
}

export interface AgentConfigFile {
  body: Uint8Array;
  content_type?: string;
}

export interface AgentConfigMap {
  config_map: Record<string, AgentConfigFile>;
}

export interface RemoteConfigStatus {
  last_remote_config_hash?: Uint8Array;
  status: RemoteConfigStatusCode;
  error_message?: string;
}

export interface AgentToServer {
  instance_uid: Uint8Array;
  sequence_num: number;
  capabilities: number;
  agent_description?: AgentDescription;
  health?: ComponentHealth;
  effective_config?: { config_map: AgentConfigMap };
  remote_config_status?: RemoteConfigStatus;
  agent_disconnect?: Record<string, never>;
  flags?: number;
}

export interface AgentRemoteConfig {
  config?: AgentConfigMap;
  config_hash?: Uint8Array;
}

export interface ServerToAgent {
  instance_uid?: Uint8Array;
  error_response?: { type?: number; error_message?: string; retry_info?: { retry_after_nanoseconds?: number } };
  remote_config?: AgentRemoteConfig;
  flags?: number;
  capabilities?: number;
  agent_identification?: { new_instance_uid?: Uint8Array };
  command?: { type?: number };
}

/** A string attribute. */
export function textAttribute(key: string, value: string): KeyValue {
  return { key, value: { string_value: value } };
}

/** A list-of-strings attribute. */
export function listAttribute(key: string, values: readonly string[]): KeyValue {
  return { key, value: { array_value: { values: values.map((v) => ({ string_value: v })) } } };
}
