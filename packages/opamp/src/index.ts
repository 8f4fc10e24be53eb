export { OpampClient, type AgentReport, type OpampClientOptions, type RemoteConfigOffer } from './client.js';
export { decodeServerToAgent, encodeAgentToServer, loadOpampTypes, PROTO_DIR, TO_OBJECT } from './codec.js';
export {
  AgentCapabilities,
  listAttribute,
  RemoteConfigStatuses,
  ServerErrorResponseType,
  ServerToAgentFlags,
  textAttribute,
  type AgentConfigFile,
  type AgentConfigMap,
  type AgentDescription,
  type AgentToServer,
  type AnyValue,
  type ComponentHealth,
  type KeyValue,
  type RemoteConfigStatus,
  type RemoteConfigStatusCode,
  type ServerToAgent,
} from './messages.js';
export { HttpTransport, MAX_RESPONSE_BYTES, OpampHttpError, type TransportOptions } from './transport.js';
