// A stand-in for the CloudWatch monitoring endpoint, which cannot be reached from here. It
// verifies each request as the service does: the SigV4 signature recomputed here from the raw
// request (own code, not the handler's signer), the credential scope, the clock, the session
// token, the body size, and every PutMetricData parameter against the API's limits. Failures
// can be scripted per request.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DataPoint {
  namespace: string;
  name: string;
  value: number;
  timestamp: string;
  unit: string;
  storageResolution: number | undefined;
  dimensions: Record<string, string>;
}

export interface Endpoint {
  url: string;
  region: string;
  points: DataPoint[];
  requests: number;
  /** `Code: message` of every refused request. */
  refused: string[];
  /** Bodies of accepted requests, in order. */
  bodies: string[];
  script: Array<{ status: number; code: string; message?: string }>;
  close(): Promise<void>;
}

export interface EndpointOptions {
  region: string;
  /** Access key id → secret (and the session token it requires, for temporary keys). */
  keys: Record<string, { secret: string; token?: string }>;
}

const UNITS = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const mac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const encode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function verifySignature(req: IncomingMessage, body: string, options: EndpointOptions): void {
  const auth = req.headers.authorization ?? '';
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
    auth,
  );
  if (!match) throw new Refusal(403, 'IncompleteSignature', `Authorization header is not a SigV4 header: ${auth.slice(0, 40)}`);
  const [, keyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  const key = options.keys[keyId!];
  if (!key) throw new Refusal(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  if (region !== options.region || service !== 'monitoring')
    throw new Refusal(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region/service, not ${region}/${service}`);
  const stamp = String(req.headers['x-amz-date'] ?? '');
  const at = Date.parse(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);
  if (Number.isNaN(at) || stamp.slice(0, 8) !== date) throw new Refusal(400, 'IncompleteSignature', `bad X-Amz-Date ${stamp}`);
  if (Math.abs(Date.now() - at) > 15 * 60_000) throw new Refusal(400, 'RequestExpired', `Request timestamp ${stamp} is more than 15 minutes off`);
  const names = signedHeaders!.split(';');
  for (const required of ['host', 'x-amz-date', ...(req.headers['x-amz-security-token'] ? ['x-amz-security-token'] : [])]) {
    if (!names.includes(required)) throw new Refusal(403, 'SignatureDoesNotMatch', `header ${required} is not signed`);
  }
  if (key.token !== undefined && req.headers['x-amz-security-token'] !== key.token)
    throw new Refusal(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  const [path = '/', query = ''] = (req.url ?? '/').split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .map((p) =>
      p
        .split('=')
        .map((x) => encode(decodeURIComponent(x ?? '')))
        .join('='),
    )
    .sort()
    .join('&');
  const canonicalHeaders = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonical = [req.method, path, canonicalQuery, canonicalHeaders, signedHeaders, hex(body)].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', stamp, `${date}/${region}/${service}/aws4_request`, hex(canonical)].join('\n');
  const signingKey = mac(mac(mac(mac(`AWS4${key.secret}`, date!), region!), service!), 'aws4_request');
  if (createHmac('sha256', signingKey).update(toSign).digest('hex') !== signature) {
    throw new Refusal(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
}

function parsePutMetricData(body: string): DataPoint[] {
  const params = new URLSearchParams(body);
  const get = (name: string): string | undefined => params.get(name) ?? undefined;
  const invalid = (message: string): never => {
    throw new Refusal(400, 'InvalidParameterValue', message);
  };
  if (get('Action') !== 'PutMetricData') invalid(`Action ${get('Action')} is not supported`);
  if (get('Version') !== '2010-08-01') invalid(`Version ${get('Version')} is not supported`);
  const namespace = get('Namespace') ?? invalid('Namespace is required');
  if (namespace.length < 1 || namespace.length > 255 || namespace.startsWith('AWS/')) invalid(`Namespace ${namespace} is invalid`);
  const seen = new Set(['Action', 'Version', 'Namespace']);
  const points: DataPoint[] = [];
  for (let i = 1; get(`MetricData.member.${i}.MetricName`) !== undefined; i++) {
    if (i > 1000) invalid('The collection MetricData must not have a size greater than 1000.');
    const p = `MetricData.member.${i}.`;
    const field = (name: string): string | undefined => {
      seen.add(p + name);
      return get(p + name);
    };
    const name = field('MetricName')!;
    if (name.length < 1 || name.length > 255) invalid(`${p}MetricName length must be 1-255`);
    const rawValue = field('Value') ?? invalid(`${p}Value is required`);
    const value = Number(rawValue);
    if (!Number.isFinite(value) || Math.abs(value) > 1.174271e108) invalid(`${p}Value ${rawValue} is out of range`);
    const timestamp = field('Timestamp') ?? invalid(`${p}Timestamp is required here`);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(timestamp) || Number.isNaN(Date.parse(timestamp)))
      invalid(`${p}Timestamp ${timestamp} is not ISO 8601`);
    const unit = field('Unit') ?? 'None';
    if (!UNITS.has(unit)) invalid(`${p}Unit ${unit} is not a valid unit`);
    const resolution = field('StorageResolution');
    if (resolution !== undefined && resolution !== '1' && resolution !== '60') invalid(`${p}StorageResolution must be 1 or 60`);
    const dimensions: Record<string, string> = {};
    for (let d = 1; field(`Dimensions.member.${d}.Name`) !== undefined; d++) {
      if (d > 30) invalid(`${p}Dimensions must not have more than 30 members`);
      const dimName = field(`Dimensions.member.${d}.Name`)!;
      const dimValue = field(`Dimensions.member.${d}.Value`) ?? invalid(`${p}Dimensions.member.${d}.Value is required`);
      if (dimName.length < 1 || dimName.length > 255 || dimValue.length < 1 || dimValue.length > 1024) invalid(`${p}Dimensions.member.${d} has a bad length`);
      if (dimName in dimensions) invalid(`${p}Dimensions repeats ${dimName}`);
      dimensions[dimName] = dimValue;
    }
    points.push({ namespace, name, value, timestamp, unit, storageResolution: resolution === undefined ? undefined : Number(resolution), dimensions });
  }
  if (points.length === 0) invalid('MetricData is required');
  for (const key of params.keys()) if (!seen.has(key)) invalid(`unexpected parameter ${key}`);
  return points;
}

function answerError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(
    `<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${code}</Code>\n    <Message>${message}</Message>\n  </Error>\n  <RequestId>00000000-0000-0000-0000-000000000000</RequestId>\n</ErrorResponse>\n`,
  );
}

export async function startEndpoint(options: EndpointOptions): Promise<Endpoint> {
  const state = {
    url: '',
    region: options.region,
    points: [] as DataPoint[],
    requests: 0,
    refused: [] as string[],
    bodies: [] as string[],
    script: [] as Endpoint['script'],
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      const raw = Buffer.concat(chunks);
      try {
        const scripted = state.script.shift();
        if (scripted) throw new Refusal(scripted.status, scripted.code, scripted.message ?? scripted.code);
        if (req.method !== 'POST' || (req.url ?? '') !== '/') throw new Refusal(404, 'InvalidAction', `${req.method} ${req.url}`);
        if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
          throw new Refusal(400, 'InvalidParameterValue', `content-type ${req.headers['content-type']}`);
        if (raw.length > 1_048_576) throw new Refusal(413, 'RequestEntityTooLarge', `body of ${raw.length} bytes exceeds 1 MB`);
        const body = raw.toString('utf8');
        verifySignature(req, body, options);
        const points = parsePutMetricData(body);
        state.points.push(...points);
        state.bodies.push(body);
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          '<PutMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></PutMetricDataResponse>',
        );
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        state.refused.push(`${error.code}: ${error.message}`);
        answerError(res, error.status, error.code, error.message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return Object.assign(state, {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
