import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpEndpoint, parseRetryAfter, redact } from '@spinel/http';

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const servers: Server[] = [];
const endpoints: HttpEndpoint[] = [];

async function serve(route: Route): Promise<{ url: string; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => route(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/base`, sockets };
}

function endpoint(url: string, timeoutMs = 2000): HttpEndpoint {
  const created = new HttpEndpoint({ url, timeoutMs });
  endpoints.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('HttpEndpoint.send', () => {
  it('posts under the base path and reuses one keep-alive connection, reading large bodies to the end', async () => {
    const seen: string[] = [];
    const { url, sockets } = await serve((req, res, body) => {
      seen.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(1024 * 1024));
    });
    const http = endpoint(url);
    for (let i = 0; i < 3; i++) {
      const response = await http.send({ method: 'POST', path: '/key', body: `n=${i}` });
      expect(response.status).toBe(200);
      expect(response.body.length).toBe(16 * 1024);
    }
    expect(seen).toEqual(['POST /base/key n=0', 'POST /base/key n=1', 'POST /base/key n=2']);
    expect(sockets.size).toBe(1);
  });

  it('429 and 503 are retryable and carry Retry-After; 408 too', async () => {
    const answers = [
      [429, { 'retry-after': '7' }],
      [503, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() }],
      [408, {}],
    ] as const;
    let next = 0;
    const { url } = await serve((_req, res) => {
      const [status, headers] = answers[next++]!;
      res.writeHead(status, headers);
      res.end('slow down\nmore');
    });
    const http = endpoint(url);
    const first = await http.send({ method: 'POST', path: '/x', body: '' }).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'SPINEL_DELIVERY_RETRY', retryAfterMs: 7000 });
    expect((first as Error).message).toBe(`POST ${url}/x answered HTTP 429: slow down`);
    const second = await http.send({ method: 'POST', path: '/x', body: '' }).catch((e: unknown) => e);
    expect((second as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(25_000);
    const third = await http.send({ method: 'POST', path: '/x', body: '' }).catch((e: unknown) => e);
    expect(third).toMatchObject({ code: 'SPINEL_DELIVERY_RETRY', retryAfterMs: undefined });
  });

  it('other 4xx are permanent, with the first line of the body and the secret redacted', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(400);
      res.end('{"error":"bad element"}\nstack...');
    });
    const error = await endpoint(url)
      .send({ method: 'POST', path: '/s3cr3t-key', body: '[]' }, ['s3cr3t-key'])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SPINEL_DELIVERY_PERMANENT' });
    expect((error as Error).message).toBe(`POST ${url}/**** answered HTTP 400: {"error":"bad element"}`);
  });

  it('a server that accepts and never answers fails the request at the headers timeout', async () => {
    const { url } = await serve(() => undefined);
    const started = performance.now();
    const error = await endpoint(url, 300)
      .send({ method: 'POST', path: '/x', body: 'a' })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/base\/x failed: UND_ERR_HEADERS_TIMEOUT/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('connection refused names the request', async () => {
    const { url } = await serve(() => undefined);
    const port = new URL(url).port;
    for (const server of servers.splice(0)) server.close();
    const error = await endpoint(url)
      .send({ method: 'POST', path: '/x' })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(new RegExp(`^POST http://127.0.0.1:${port}/base/x failed: .*ECONNREFUSED`));
  });
});

describe('helpers', () => {
  it('parses Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('redacts every occurrence of a secret', () => {
    expect(redact('https://x/ingest/abcd1234 key=abcd1234', ['abcd1234'])).toBe('https://x/ingest/**** key=****');
  });
});
