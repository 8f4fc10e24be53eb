import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { AgentToServer, ServerToAgent } from './messages.js';

// protobufjs reads the official .proto files at start-up rather than code generated from them: the
// files are opamp-spec's own (proto/ names the commit), a spec update is a copy, and the test
// server in tooling/ loads the very same files.

/** The folder holding `opamp/v1/opamp.proto` and `opamp/v1/anyvalue.proto`. */
export const PROTO_DIR = fileURLToPath(new URL('../proto', import.meta.url));

/** The OpAMP message types, loaded once from {@link PROTO_DIR}. */
export function loadOpampTypes(): { AgentToServer: protobuf.Type; ServerToAgent: protobuf.Type } {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => path.join(PROTO_DIR, target);
  root.loadSync('opamp/v1/opamp.proto', { keepCase: true });
  return { AgentToServer: root.lookupType('opamp.proto.v1.AgentToServer'), ServerToAgent: root.lookupType('opamp.proto.v1.ServerToAgent') };
}

let types: ReturnType<typeof loadOpampTypes> | undefined;
const opampTypes = (): ReturnType<typeof loadOpampTypes> => (types ??= loadOpampTypes());

/** Options for turning decoded messages into plain objects: numbers for 64-bit integers, bytes as Uint8Array. */
export const TO_OBJECT = { longs: Number, defaults: false, arrays: true, objects: true } as const;

export function encodeAgentToServer(message: AgentToServer): Uint8Array {
  const type = opampTypes().AgentToServer;
  return type.encode(type.fromObject(message)).finish();
}

/** Decodes a server's answer; throws on bytes that are not a ServerToAgent. */
export function decodeServerToAgent(bytes: Uint8Array): ServerToAgent {
  const type = opampTypes().ServerToAgent;
  return type.toObject(type.decode(bytes), TO_OBJECT) as ServerToAgent;
}
