import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScrubber, validateOptions } from '@spinel/sdk';
import {
  createLogger,
  encodeBatch,
  handlerDestination,
  HistorySet,
  hostAllowed,
  Ring,
  SeriesStore,
  StatusBoard,
  StatusServer,
  statusSchema,
  type SampleInput,
} from '@spinel/core';

const sample = (name: string, value: number, timestamp: number): SampleInput => ({
  path: `servers.h.test.${name}`,
  name,
  value,
  timestamp,
  type: 'gauge',
  precision: 2,
  dimensions: undefined,
});

describe('status page state', () => {
  it('a ring keeps the last N points, oldest first', () => {
    const ring = new Ring(3);
    for (let i = 1; i <= 5; i++) ring.push(i * 1000, i);
    expect(ring.points()).toEqual([
      [3000, 3],
      [4000, 4],
      [5000, 5],
    ]);
    expect(ring.lastTime).toBe(5000);
    const set = new HistorySet(2);
    set.push('a', 1, 1);
    set.push('b', 1, 1);
    set.retain(new Set(['a']));
    expect(Object.keys(set.toJSON())).toEqual(['a']);
  });

  it('the series store holds at most series_max paths of series_points values, and forgets quiet ones', () => {
    let now = 1_000_000;
    const store = new SeriesStore(10, 4, 60_000, () => now);
    for (let round = 0; round < 20; round++) {
      store.record(
        encodeBatch(
          'test',
          'h',
          Array.from({ length: 50 }, (_, i) => sample(`m${round}_${i}`, i, now / 1000)),
        ),
      );
      now += 1000;
    }
    expect(store.size).toBe(10);
    for (let round = 0; round < 6; round++) store.record(encodeBatch('test', 'h', [sample('m0_0', round, round)]));
    expect(store.values('servers.h.test.m0_0')?.map(([, v]) => v)).toEqual([2, 3, 4, 5]);
    // A minute and more without values: forgotten at the next sweep, room for new paths.
    now += 120_000;
    store.record(encodeBatch('test', 'h', [sample('fresh', 1, now / 1000)]));
    expect(store.size).toBe(0);
    store.record(encodeBatch('test', 'h', [sample('fresh', 2, now / 1000)]));
    expect(store.paths('', 10)).toEqual(['servers.h.test.fresh']);
    // It took a slot another path held: only its own value is there.
    expect(store.values('servers.h.test.fresh')).toEqual([[now, 2]]);
  });

  it('the board takes failures from the error log keys and clears them on the next good run or write', () => {
    let now = 5_000;
    const board = new StatusBoard(() => now);
    board.collector('cpu');
    board.handler('graphite');
    board.problem('run:cpu', 'collector cpu failed: boom', 'Error: boom\n    at x');
    expect(board.collectors.get('cpu')).toMatchObject({ failing: true, lastError: { message: 'collector cpu failed: boom', at: 5_000 } });
    now = 6_000;
    board.collectorRan('cpu', { durationMs: 2, samples: 10, failed: false }, 1000);
    expect(board.collectors.get('cpu')).toMatchObject({ failing: false, lastRunAt: 6_000, nextDueAt: 7_000, lastSamples: 10 });
    board.problem('process:graphite', 'handler graphite failed a batch', undefined);
    expect(board.handlers.get('graphite')?.failing).toBe(true);
    board.dropped('graphite', 'queue_full', 7);
    board.dropped('graphite', 'queue_full', 3);
    board.delivered('graphite');
    expect(board.handlers.get('graphite')).toMatchObject({ failing: false, droppedBy: { queue_full: 10 }, lastDropAt: 6_000, lastWriteAt: 6_000 });
    for (let i = 0; i < 15; i++) board.reloaded(i % 2 === 0, `reload ${i}`);
    expect(board.reloads.length).toBe(10);
  });
});

describe('the status server against a hostile world', () => {
  // What a browser sends, and what a server echoing a plugin's request puts in an error.
  const request = (port: number, options: { method?: string; path?: string; headers?: Record<string, string> }): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/api/status', headers: options.headers },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(options.method === 'POST' ? 'a=b' : undefined);
    });

  const counted = { refused: 0, idleClosed: 0 };
  const start = async (settings: Record<string, unknown> = {}): Promise<{ server: StatusServer; port: number; reloads: () => number }> => {
    let reloads = 0;
    const basic = Buffer.from('spinel:hunter2-password').toString('base64');
    const server = new StatusServer(
      validateOptions(statusSchema, { port: 0, control_socket: '', ...settings }).value,
      {
        status: () => ({
          problems: [`GET http://db.example/x?api_key=abcd1234secret&n=1 answered 500: Authorization: Basic ${basic}`],
          config: { token: 'hunter2-password' },
        }),
        history: () => ({}),
        seriesPaths: () => [],
        seriesValues: () => undefined,
        reload: async () => {
          reloads++;
          return { ok: true, message: 'reloaded' };
        },
      },
      createLogger({ level: 'error', scope: 'status-test' }),
      createScrubber(['hunter2-password', basic]),
      {
        refused: () => void counted.refused++,
        idleClosed: () => void counted.idleClosed++,
      },
    );
    const port = (await server.start())!;
    return { server, port, reloads: () => reloads };
  };

  it('holds at most 32 connections; the rest are closed as they arrive and counted, and it still answers', async () => {
    const { server, port } = await start();
    const net = await import('node:net');
    const before = counted.refused;
    const sockets = await Promise.all(
      Array.from(
        { length: 40 },
        () =>
          new Promise<import('node:net').Socket>((resolve) => {
            const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
            socket.on('error', () => undefined);
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(counted.refused - before).toBe(8);
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await request(port, {})).status).toBe(200);
    await server.stop();
  });

  it('answers only Host names that cannot be rebound: IP literals, localhost and agent.status.hosts', async () => {
    const { server, port } = await start({ hosts: ['agent.internal'] });
    try {
      expect((await request(port, { headers: { host: 'attacker.example.com' } })).status).toBe(421);
      expect((await request(port, { headers: { host: `attacker.example.com:${port}` } })).status).toBe(421);
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'agent.internal', '10.1.2.3'])
        expect((await request(port, { headers: { host } })).status).toBe(200);
      expect(hostAllowed(undefined, [])).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('never takes a reload a web page can send: a form or a no-cors fetch from another origin is refused', async () => {
    const { server, port, reloads } = await start({ token: 'tok-123' });
    try {
      const bearer = { authorization: 'Bearer tok-123' };
      // An auto-submitted <form enctype="text/plain"> and a fetch(..., {mode: 'no-cors'}) from http://127.0.0.2:18090.
      const form = await request(port, {
        method: 'POST',
        path: '/api/reload?token=tok-123',
        headers: { origin: 'http://127.0.0.2:18090', 'content-type': 'text/plain' },
      });
      expect(form.status).toBe(403);
      expect(form.body).toContain('reload is not accepted from a web page');
      expect((await request(port, { method: 'POST', path: '/api/reload', headers: { ...bearer, 'content-type': 'text/plain' } })).status).toBe(403);
      expect((await request(port, { method: 'POST', path: '/api/reload', headers: { ...bearer, origin: 'null', 'x-spinel-reload': '1' } })).status).toBe(403);
      expect(reloads()).toBe(0);
      expect((await request(port, { method: 'POST', path: '/api/reload', headers: { ...bearer, 'x-spinel-reload': '1' } })).status).toBe(200);
      expect(reloads()).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it('without a token, TCP never takes a reload (any local user can reach it); the control socket does, with mode 0660', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinel-control-'));
    const socket = join(dir, 'run', 'control.sock');
    const { server, port, reloads } = await start({ control_socket: socket });
    try {
      const tcp = await request(port, { method: 'POST', path: '/api/reload', headers: { 'x-spinel-reload': '1' } });
      expect(tcp.status).toBe(403);
      expect(tcp.body).toContain(
        `reload over TCP needs agent.status.token: any local user can reach this port; on this host, spinel reload uses the control socket (${socket})`,
      );
      expect(statSync(socket).mode & 0o777).toBe(0o660);
      const viaSocket = await new Promise<number>((resolve, reject) => {
        const req = http.request({ socketPath: socket, method: 'POST', path: '/api/reload', headers: { 'x-spinel-reload': '1' } }, (res) =>
          resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end();
      });
      expect(viaSocket).toBe(200);
      expect(reloads()).toBe(1);
      // A second server finds the socket live and leaves it alone; after a stop, a stale one is replaced.
      const second = await start({ control_socket: socket });
      expect(second.server.controlSocket).toBeUndefined();
      await second.server.stop();
    } finally {
      await server.stop();
    }
    expect(existsSync(socket)).toBe(false);
    const third = await start({ control_socket: socket });
    expect(third.server.controlSocket).toBe(socket);
    await third.server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scrubs secrets from every answer: query values, Authorization headers and the config secrets, one marker each', async () => {
    const { server, port } = await start();
    try {
      const { body } = await request(port, {});
      expect(body).not.toContain('abcd1234secret');
      expect(body).not.toContain('hunter2-password');
      expect(body).not.toContain(Buffer.from('spinel:hunter2-password').toString('base64'));
      expect(body).toContain('api_key=<redacted>&n=1');
      expect(body).toContain('Authorization: Basic <redacted>');
      expect(body).not.toContain('<redacted><redacted>');
      expect(body).not.toContain('<redacted> <redacted>');
    } finally {
      await server.stop();
    }
  });
});

describe("a handler's destination on the status page", () => {
  it('names the place from the options, without credentials or query, with the topic, subject, database or bucket', () => {
    expect(handlerDestination({ host: 'graphite.example', port: 2003, proto: 'tcp' })).toBe('graphite.example:2003 tcp');
    expect(handlerDestination({ host: '127.0.0.1', port: 8125, protocol: 'udp' })).toBe('127.0.0.1:8125 udp');
    expect(handlerDestination({ url: 'https://user:s3cret@api.example/ingest/xyz?api_key=abc#frag', username: 'user' })).toBe('https://api.example/ingest/xyz');
    expect(handlerDestination({ url: 'http://influx:8086', database: 'metrics', password: 'p' })).toBe('http://influx:8086/ (database metrics)');
    expect(handlerDestination({ url: 'mqtt://broker:1883', topic: 'spinel/metrics' })).toBe('mqtt://broker:1883 (topic spinel/metrics)');
    expect(handlerDestination({ servers: ['nats://a:4222', 'nats://tok@b:4222', 'nats://c:4222', 'nats://d:4222'], subject: 'metrics' })).toBe(
      'nats://a:4222, nats://b:4222, nats://c:4222, ... (subject metrics)',
    );
    expect(handlerDestination({ endpoint: 'http://collector:4318/v1/metrics' })).toBe('http://collector:4318/v1/metrics');
    expect(handlerDestination({ path: '/var/log/spinel/archive.log', max_bytes: 1 })).toBe('/var/log/spinel/archive.log');
    expect(handlerDestination({ listen: '0.0.0.0', port: 9273, path: '/metrics' })).toBe('serves http://0.0.0.0:9273/metrics');
    expect(handlerDestination({ region: 'eu-west-1', namespace: 'Spinel' })).toBe('region eu-west-1 (namespace Spinel)');
    expect(handlerDestination({ fd: 2 })).toBe('stderr');
    expect(handlerDestination({ names: 'short' })).toBeNull();
  });
});
