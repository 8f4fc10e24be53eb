// A stand-in for Metricly's ingest API, which cannot be reached from here. It checks every
// request as strictly as the service: method, path with the API key, content type, user agent,
// JSON against the schema in ingest.schema.json / events.schema.json, and that every sample's
// metric is declared on its element. Anything else is answered 400 with the reason, and the
// test sees it in `rejected`. Failures can be scripted per request.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import AjvModule from 'ajv';
import type { MetriclyElement, MetriclyEvent } from '../src/index.js';

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
interface AjvLike {
  compile(schema: unknown): Validate;
}
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as new (options: object) => AjvLike;
const ajv = new Ajv({ allErrors: true, strict: true });
const schema = (name: string): Validate => ajv.compile(JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')));
const validElements = schema('./ingest.schema.json');
const validEvents = schema('./events.schema.json');

export interface ScriptedAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface ReceiverOptions {
  apiKey: string;
  /** Keep every accepted element (false: only count, for long leak runs). */
  keep?: boolean;
}

export interface Receiver {
  /** Ingest URL without the key, e.g. `http://127.0.0.1:PORT/ingest/infrastructure`. */
  url: string;
  elements: MetriclyElement[];
  events: MetriclyEvent[];
  checkins: Array<{ name: string; elementId: string; ttl: number }>;
  rejected: string[];
  acceptedSamples: number;
  requests: number;
  /** The next requests get these answers instead of being processed. */
  script: ScriptedAnswer[];
  /** While true, requests are read and never answered. */
  stalled: boolean;
  close(): Promise<void>;
}

function elementProblems(elements: MetriclyElement[]): string | undefined {
  for (const element of elements) {
    const ids = new Set<string>();
    for (const metric of element.metrics) {
      if (ids.has(metric.id)) return `element ${element.id}: metric ${metric.id} declared twice`;
      ids.add(metric.id);
    }
    for (const sample of element.samples) if (!ids.has(sample.metricId)) return `element ${element.id}: sample for undeclared metric ${sample.metricId}`;
  }
  return undefined;
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const sockets = new Set<Socket>();
  const state = {
    url: '',
    elements: [] as MetriclyElement[],
    events: [] as MetriclyEvent[],
    checkins: [] as Array<{ name: string; elementId: string; ttl: number }>,
    rejected: [] as string[],
    acceptedSamples: 0,
    requests: 0,
    script: [] as ScriptedAnswer[],
    stalled: false,
  };
  const refuse = (res: ServerResponse, status: number, reason: string): undefined => {
    state.rejected.push(`${status} ${reason}`);
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(`${reason}\n`);
  };
  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): undefined => {
    state.requests++;
    if (state.stalled) return;
    const scripted = state.script.shift();
    if (scripted) {
      res.writeHead(scripted.status, scripted.headers ?? {});
      res.end(scripted.body ?? '');
      return;
    }
    if (req.method !== 'POST') return refuse(res, 405, `method ${req.method} not allowed`);
    if (!req.headers['user-agent']) return refuse(res, 400, 'missing User-Agent');
    const path = (req.url ?? '').split('/');
    // ['', 'ingest', 'infrastructure', key] | ['', 'ingest', 'events', 'infrastructure', key] | ['', 'check', 'infrastructure', key, name, id, ttl]
    const route = path[1] === 'check' ? 'check' : path[2] === 'events' ? 'events' : 'ingest';
    const key = route === 'events' ? path[4] : path[3];
    if (!key) return refuse(res, 401, 'no API key in the path');
    if (key !== options.apiKey) return refuse(res, 403, `unknown API key ${key}`);
    if (route === 'check') {
      if (path.length !== 7 || path[2] !== 'infrastructure' || !/^\d+$/.test(path[6] ?? '')) return refuse(res, 404, `no such check route ${req.url}`);
      state.checkins.push({ name: decodeURIComponent(path[4]!), elementId: decodeURIComponent(path[5]!), ttl: Number(path[6]) });
      res.writeHead(202);
      res.end();
      return;
    }
    const expectedLength = route === 'events' ? 5 : 4;
    if (path.length !== expectedLength || path[route === 'events' ? 3 : 2] !== 'infrastructure') return refuse(res, 404, `no such route ${req.url}`);
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return refuse(res, 415, `content-type ${req.headers['content-type']} is not application/json`);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(res, 400, 'body is not JSON');
    }
    const validate = route === 'events' ? validEvents : validElements;
    if (!validate(body)) return refuse(res, 400, `schema: ${(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
    if (route === 'events') {
      state.events.push(...(body as MetriclyEvent[]));
    } else {
      const elements = body as MetriclyElement[];
      const problem = elementProblems(elements);
      if (problem) return refuse(res, 400, problem);
      for (const element of elements) state.acceptedSamples += element.samples.length;
      if (options.keep !== false) state.elements.push(...elements);
    }
    res.writeHead(202);
    res.end();
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest/infrastructure`;
  return Object.assign(state, {
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
