import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample, measureRetained } from '@spinel/testing';
import cloudwatch, {
  CredentialChain,
  encodeRequests,
  MAX_BODY_BYTES,
  parseCredentialsFile,
  sha256Hex,
  signingKey,
  signRequest,
} from '@spinel/handler-cloudwatch';
import { startEndpoint, type Endpoint } from './endpoint.js';

const KEY = { id: 'AKIDSPINELTEST', secret: 'c2VjcmV0LXNwaW5lbC10ZXN0LWtleQ' };
const endpoints: Endpoint[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
  for (const s of servers.splice(0)) s.close();
});
async function endpoint(keys: Record<string, { secret: string; token?: string }> = { [KEY.id]: { secret: KEY.secret } }): Promise<Endpoint> {
  const started = await startEndpoint({ region: 'eu-west-1', keys });
  endpoints.push(started);
  return started;
}
const handlerOptions = (e: Endpoint, extra: Record<string, unknown> = {}) => ({
  region: 'eu-west-1',
  endpoint: e.url,
  access_key_id: KEY.id,
  secret_access_key: KEY.secret,
  ...extra,
});

describe('SigV4 against the AWS signature test suite', () => {
  const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
  const at = new Date(Date.UTC(2015, 7, 30, 12, 36, 0));
  const sign = (method: string, url: string, body = '') => signRequest({ method, url: new URL(url), headers: {}, body }, creds, 'us-east-1', 'service', at);

  it('derives the published signing key', () => {
    expect(signingKey(creds.secretAccessKey, '20150830', 'us-east-1', 'service').toString('hex')).toBe(
      '938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75',
    );
  });
  it('get-vanilla', () => {
    expect(sign('GET', 'https://example.amazonaws.com/').headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });
  it('get-vanilla-query-order-key-case', () => {
    expect(sign('GET', 'https://example.amazonaws.com/?Param2=value2&Param1=value1').signature).toBe(
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    );
  });
  it('post-vanilla', () => {
    expect(sign('POST', 'https://example.amazonaws.com/').signature).toBe('5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('PutMetricData encoding', () => {
  it('splits at 1000 metrics per request and leaves out values CloudWatch cannot store', () => {
    const samples = Array.from({ length: 2500 }, (_, i) => makeSample({ name: `m${i}`, value: i }));
    samples.push(makeSample({ name: 'nan', value: Number.NaN }), makeSample({ name: 'inf', value: Number.POSITIVE_INFINITY }));
    const { bodies, skipped } = encodeRequests(samples, { namespace: 'Spinel', hostDimension: 'Host', storageResolution: 60 });
    expect(skipped).toBe(2);
    expect(bodies.map((b) => new URLSearchParams(b).getAll('MetricData.member.1.MetricName')[0])).toEqual(['test.m0', 'test.m1000', 'test.m2000']);
    expect(bodies.map((b) => [...new URLSearchParams(b).keys()].filter((k) => k.endsWith('.MetricName')).length)).toEqual([1000, 1000, 500]);
  });

  it('splits at 1 MB', () => {
    const big = 'x'.repeat(1000);
    const samples = Array.from({ length: 900 }, (_, i) => makeSample({ name: `m${i}`, value: i, dimensions: { a: big, b: big } }));
    const { bodies } = encodeRequests(samples, { namespace: 'Spinel', hostDimension: 'Host', storageResolution: 60 });
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    // each body is as full as the limit allows: the next member would not have fitted
    for (const body of bodies.slice(0, -1)) expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_BODY_BYTES - 3000);
    expect(bodies.reduce((n, b) => n + [...new URLSearchParams(b).keys()].filter((k) => k.endsWith('.MetricName')).length, 0)).toBe(900);
  });
});

describe('cloudwatch handler against the verifying endpoint', () => {
  it('puts every sample with its name, value, timestamp, host and dimensions; signatures verify', async () => {
    const e = await endpoint();
    const harness = await createHandlerHarness(cloudwatch, handlerOptions(e, { namespace: 'Fleet/Web' }));
    const samples = Array.from({ length: 1500 }, (_, i) =>
      makeSample({
        collectorPath: 'cpu',
        name: `cpu${i % 4}.user`,
        value: i / 2,
        timestamp: Math.floor(Date.now() / 1000) - 60 + (i % 60),
        dimensions: { cpu: `cpu${i % 4}` },
      }),
    );
    await harness.process(samples);
    await harness.close();
    expect(e.refused).toEqual([]);
    expect(e.requests).toBe(2);
    expect(e.points).toHaveLength(1500);
    expect(e.points[3]).toEqual({
      namespace: 'Fleet/Web',
      name: 'cpu.cpu3.user',
      value: 1.5,
      timestamp: new Date(samples[3]!.timestamp * 1000).toISOString(),
      unit: 'None',
      storageResolution: undefined,
      dimensions: { Host: 'testhost', cpu: 'cpu3' },
    });
  });

  it('signs the session token of temporary credentials from the environment', async () => {
    const e = await endpoint({ ASIATEMP: { secret: 'tempsecret', token: 'session-token-1' } });
    process.env.AWS_ACCESS_KEY_ID = 'ASIATEMP';
    process.env.AWS_SECRET_ACCESS_KEY = 'tempsecret';
    process.env.AWS_SESSION_TOKEN = 'session-token-1';
    try {
      const harness = await createHandlerHarness(cloudwatch, { region: 'eu-west-1', endpoint: e.url, storage_resolution: '1' });
      await harness.process([makeSample({ name: 'a', value: 1, timestamp: Date.now() / 1000 })]);
      await harness.close();
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      delete process.env.AWS_SESSION_TOKEN;
    }
    expect(e.refused).toEqual([]);
    expect(e.points[0]?.storageResolution).toBe(1);
  });

  it('a wrong secret is refused by the endpoint and reported as a signature mismatch, retryable', async () => {
    const e = await endpoint();
    const harness = await createHandlerHarness(cloudwatch, handlerOptions(e, { secret_access_key: 'not-the-secret' }));
    await expect(harness.process([makeSample({ name: 'a', value: 1, timestamp: Date.now() / 1000 })])).rejects.toMatchObject({
      code: 'SPINEL_DELIVERY_RETRY',
      message: expect.stringMatching(/HTTP 403: SignatureDoesNotMatch: .* \(credentials from options; refreshed for the retry\)$/),
    });
    expect(e.refused[0]).toMatch(/^SignatureDoesNotMatch/);
    await harness.close();
  });

  it('Throttling (HTTP 400) is retried, a bad parameter is permanent with its code and message', async () => {
    const e = await endpoint();
    const harness = await createHandlerHarness(cloudwatch, handlerOptions(e));
    e.script.push({ status: 400, code: 'Throttling', message: 'Rate exceeded' });
    await expect(harness.process([makeSample({ name: 'a', value: 1, timestamp: Date.now() / 1000 })])).rejects.toMatchObject({
      code: 'SPINEL_DELIVERY_RETRY',
      message: expect.stringContaining('HTTP 400: Throttling: Rate exceeded'),
    });
    e.script.push({ status: 400, code: 'InvalidParameterValue', message: 'The value for parameter MetricData.member.1.Value is invalid.' });
    await expect(harness.process([makeSample({ name: 'a', value: 1, timestamp: Date.now() / 1000 })])).rejects.toMatchObject({
      code: 'SPINEL_DELIVERY_PERMANENT',
      message: expect.stringContaining('InvalidParameterValue: The value for parameter MetricData.member.1.Value is invalid.'),
    });
    await harness.close();
  });

  it('retrying a batch whose second request failed does not send the first one again', async () => {
    const e = await endpoint();
    const harness = await createHandlerHarness(cloudwatch, handlerOptions(e));
    const now = Math.floor(Date.now() / 1000);
    const batch = Array.from({ length: 2500 }, (_, i) => makeSample({ name: `m${i}`, value: i, timestamp: now }));
    // the first request goes through, the second meets a 500
    const original = e.script;
    let calls = 0;
    e.script = new Proxy(original, {
      get: (t, p) => (p === 'shift' ? () => (++calls === 2 ? { status: 500, code: 'InternalFailure' } : undefined) : Reflect.get(t, p)),
    });
    await expect(harness.process(batch)).rejects.toMatchObject({ code: 'SPINEL_DELIVERY_RETRY' });
    expect(e.points).toHaveLength(1000);
    await harness.process(batch);
    expect(e.points).toHaveLength(2500);
    expect(new Set(e.points.map((p) => p.name)).size).toBe(2500);
    await harness.close();
  });

  it('region is required and named in the error', async () => {
    const saved = { r: process.env.AWS_REGION, d: process.env.AWS_DEFAULT_REGION };
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      await expect(createHandlerHarness(cloudwatch, {})).rejects.toThrow(
        'cloudwatch: region: expected an AWS region (set `region`, or AWS_REGION in the environment)',
      );
    } finally {
      if (saved.r !== undefined) process.env.AWS_REGION = saved.r;
      if (saved.d !== undefined) process.env.AWS_DEFAULT_REGION = saved.d;
    }
  });

  it('keeps nothing per series: 200 rounds of new metric names leave the heap flat', async () => {
    const e = await endpoint();
    // the endpoint runs in this process: it must not keep what it receives either
    e.points = { push: () => 0 } as unknown as Endpoint['points'];
    e.bodies = { push: () => 0 } as unknown as Endpoint['bodies'];
    const report = await measureRetained(
      {
        handler: cloudwatch,
        options: handlerOptions(e),
        perRound: (r) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `series${r}_${i}`, value: i, timestamp: Date.now() / 1000 })),
      },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(e.refused).toEqual([]);
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe('credential chain', () => {
  it('reads a profile from the shared credentials file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinel-aws-'));
    const file = join(dir, 'credentials');
    writeFileSync(
      file,
      '[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n\n[prod] # production\naws_access_key_id=AKIDPROD\naws_secret_access_key=s2\naws_session_token = t2\n',
    );
    expect(parseCredentialsFile('[profile x]\naws_access_key_id=a\n', 'x')).toEqual({ aws_access_key_id: 'a' });
    const chain = new CredentialChain({ profile: 'prod', env: { AWS_SHARED_CREDENTIALS_FILE: file, AWS_EC2_METADATA_DISABLED: 'true' } });
    expect(await chain.get()).toEqual({ accessKeyId: 'AKIDPROD', secretAccessKey: 's2', sessionToken: 't2', source: `${file} [prod]` });
  });

  it('gets role credentials from instance metadata with an IMDSv2 token', async () => {
    const calls: string[] = [];
    const server = createServer((req, res) => {
      calls.push(`${req.method} ${req.url} ${req.headers['x-aws-ec2-metadata-token'] ?? req.headers['x-aws-ec2-metadata-token-ttl-seconds'] ?? ''}`);
      if (req.method === 'PUT' && req.url === '/latest/api/token') return res.end('tok-123');
      if (req.headers['x-aws-ec2-metadata-token'] !== 'tok-123') return res.writeHead(401).end();
      if (req.url === '/latest/meta-data/iam/security-credentials/') return res.end('spinel-role\n');
      if (req.url === '/latest/meta-data/iam/security-credentials/spinel-role') {
        return res.end(
          JSON.stringify({
            Code: 'Success',
            AccessKeyId: 'ASIAROLE',
            SecretAccessKey: 'rs',
            Token: 'rt',
            Expiration: new Date(Date.now() + 3_600_000).toISOString(),
          }),
        );
      }
      res.writeHead(404).end();
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const chain = new CredentialChain({
      env: { HOME: '/nonexistent', AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
    });
    const creds = await chain.get();
    expect(creds).toMatchObject({ accessKeyId: 'ASIAROLE', secretAccessKey: 'rs', sessionToken: 'rt', source: 'instance metadata role spinel-role' });
    await chain.get();
    expect(calls).toEqual([
      'PUT /latest/api/token 21600',
      'GET /latest/meta-data/iam/security-credentials/ tok-123',
      'GET /latest/meta-data/iam/security-credentials/spinel-role tok-123',
    ]);
  });

  it('says what it tried when nothing provides credentials', async () => {
    const chain = new CredentialChain({ env: { HOME: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' } });
    await expect(chain.get()).rejects.toThrow(
      'no AWS credentials found; tried options access_key_id/secret_access_key: not set; environment AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY: not set; shared credentials file: not set; container credentials: not set; instance metadata (IMDSv2): not set',
    );
  });
});
