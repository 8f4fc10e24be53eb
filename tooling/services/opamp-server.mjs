// An OpAMP server for tests and the fleet bench, over HTTP (plain or TLS with client
// certificates), built on opamp-spec's own protobuf definitions (packages/opamp/proto names the
// commit) loaded with protobufjs. It keeps what each agent reported, offers one remote config to
// every agent, checks each request strictly (content type, decoding, instance uid, capabilities,
// sequence numbers) and records what broke the protocol in `violations`. It can be stopped and
// started again on its port, keeping what it knew.
import { createHash } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const PROTO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/opamp/proto');
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** ServerCapabilities: AcceptsStatus, OffersRemoteConfig, AcceptsEffectiveConfig. */
const SERVER_CAPABILITIES = 0x1 | 0x2 | 0x4;
const REPORT_FULL_STATE = 0x1;
export const REMOTE_CONFIG_STATUS = { 0: 'UNSET', 1: 'APPLIED', 2: 'APPLYING', 3: 'FAILED' };

function loadTypes() {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => path.join(PROTO_DIR, target);
  root.loadSync('opamp/v1/opamp.proto', { keepCase: true });
  return { AgentToServer: root.lookupType('opamp.proto.v1.AgentToServer'), ServerToAgent: root.lookupType('opamp.proto.v1.ServerToAgent') };
}

const hex = (bytes) => Buffer.from(bytes ?? []).toString('hex');
const attributes = (list) =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key, value?.string_value ?? value?.array_value?.values?.map((v) => v.string_value) ?? value]));

/**
 * @param {{ port?: number, tls?: { cert: string, key: string, ca?: string }, headers?: Record<string, string> }} options
 *   `tls.ca`: client certificates must be signed by it; `headers`: every request must carry them.
 */
export async function startOpampServer({ port = 0, tls, headers = {} } = {}) {
  const types = loadTypes();
  const server = {
    port,
    agents: new Map(),
    violations: [],
    requests: 0,
    /** The config offered to every agent: { text, hash (hex) }, or undefined. */
    offer: undefined,
    /** When set, every request is answered 503 with this Retry-After (seconds). */
    unavailable: undefined,
    http: undefined,
    get url() {
      return `${tls ? 'https' : 'http'}://127.0.0.1:${server.port}/v1/opamp`;
    },
    /** Offers `text` as the remote config of every agent; returns its hash (hex). */
    offerConfig(text) {
      const hash = createHash('sha256').update(text).digest('hex');
      server.offer = { text, hash };
      return hash;
    },
    /** Resolves once `check(agents)` is true, polling every 50 ms; rejects after `timeoutMs` with `what`. */
    async waitFor(check, timeoutMs, what) {
      const deadline = Date.now() + timeoutMs;
      while (!check([...server.agents.values()])) {
        if (Date.now() > deadline) throw new Error(`OpAMP server: timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    start,
    stop,
  };

  function record(message) {
    const uid = hex(message.instance_uid);
    const known = server.agents.get(uid);
    const agent = known ?? { instanceUid: uid, messages: 0, sequence: undefined, firstSeenAt: Date.now() };
    const gap = known !== undefined && agent.sequence !== undefined && Number(message.sequence_num) !== agent.sequence + 1;
    agent.messages++;
    agent.sequence = Number(message.sequence_num);
    agent.capabilities = Number(message.capabilities);
    agent.lastSeenAt = Date.now();
    agent.disconnected = message.agent_disconnect !== undefined && message.agent_disconnect !== null;
    if (message.agent_description) {
      agent.description = {
        identifying: attributes(message.agent_description.identifying_attributes),
        nonIdentifying: attributes(message.agent_description.non_identifying_attributes),
      };
    }
    if (message.health) agent.health = message.health;
    if (message.effective_config) {
      const files = message.effective_config.config_map?.config_map ?? {};
      agent.effectiveConfig = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, Buffer.from(file.body ?? []).toString('utf8')]));
    }
    if (message.remote_config_status) {
      const status = message.remote_config_status;
      agent.remoteConfigStatus = {
        hash: hex(status.last_remote_config_hash),
        status: REMOTE_CONFIG_STATUS[status.status ?? 0],
        error: status.error_message ?? '',
        at: Date.now(),
      };
      agent.statusHistory = [...(agent.statusHistory ?? []), agent.remoteConfigStatus].slice(-20);
    }
    server.agents.set(uid, agent);
    return { agent, needsFullState: known === undefined ? !message.agent_description : gap };
  }

  function answer(message) {
    const { agent, needsFullState } = record(message);
    const reply = { instance_uid: message.instance_uid, capabilities: SERVER_CAPABILITIES, flags: needsFullState ? REPORT_FULL_STATE : 0 };
    const acceptsRemote = (agent.capabilities & 0x2) !== 0;
    if (server.offer && acceptsRemote && agent.remoteConfigStatus?.hash !== server.offer.hash) {
      reply.remote_config = {
        config: { config_map: { '': { body: Buffer.from(server.offer.text), content_type: 'text/yaml' } } },
        config_hash: Buffer.from(server.offer.hash, 'hex'),
      };
    }
    return reply;
  }

  function violation(res, text) {
    server.violations.push(text);
    res.writeHead(400, { 'content-type': 'text/plain' }).end(`${text}\n`);
  }

  function handle(req, res) {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      server.requests++;
      if (server.unavailable !== undefined) {
        res.writeHead(503, { 'retry-after': String(server.unavailable) }).end('unavailable\n');
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/opamp') return violation(res, `${req.method} ${req.url}: expected POST /v1/opamp`);
      for (const [name, value] of Object.entries(headers)) {
        if (req.headers[name.toLowerCase()] !== value) {
          res.writeHead(401).end('missing or wrong credentials\n');
          return;
        }
      }
      if (req.headers['content-type'] !== 'application/x-protobuf')
        return violation(res, `content-type ${req.headers['content-type']}: expected application/x-protobuf`);
      if (size > MAX_REQUEST_BYTES) return violation(res, `a request of ${size} bytes`);
      let message;
      try {
        message = types.AgentToServer.toObject(types.AgentToServer.decode(Buffer.concat(chunks)), { longs: Number, defaults: false });
      } catch (error) {
        return violation(res, `not an AgentToServer message: ${error.message}`);
      }
      if (message.instance_uid?.length !== 16) return violation(res, `instance_uid of ${message.instance_uid?.length ?? 0} bytes: expected 16`);
      if (!message.capabilities) return violation(res, 'capabilities unset: the field MUST always be set');
      const reply = types.ServerToAgent.encode(types.ServerToAgent.fromObject(answer(message))).finish();
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(Buffer.from(reply));
    });
  }

  async function start() {
    const http = tls
      ? createHttpsServer({ cert: tls.cert, key: tls.key, ...(tls.ca ? { ca: tls.ca, requestCert: true, rejectUnauthorized: true } : {}) }, handle)
      : createHttpServer(handle);
    await new Promise((resolve) => http.listen(server.port, '127.0.0.1', resolve));
    server.port = http.address().port;
    server.http = http;
  }

  async function stop() {
    const http = server.http;
    server.http = undefined;
    if (!http) return;
    http.closeAllConnections?.();
    await new Promise((resolve) => http.close(() => resolve()));
  }

  await start();
  return server;
}
