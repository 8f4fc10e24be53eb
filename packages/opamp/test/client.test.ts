// The client against a server of the test's own that decodes every AgentToServer with the
// official definitions and answers what the test says: parts sent only when changed, the full
// state on request, backoff capped by the polling interval, bounded answers, the goodbye.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOpampTypes, OpampClient, ServerToAgentFlags, TO_OBJECT, type AgentReport, type AgentToServer, type ServerToAgent } from '@spinel/opamp';

const types = loadOpampTypes();
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

interface Received {
  at: number;
  message: AgentToServer;
}

/** Answers each request with `reply(message)`: a ServerToAgent, or [status, body] for a raw answer. */
async function serve(reply: (message: AgentToServer) => ServerToAgent | [number, Buffer]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const message = types.AgentToServer.toObject(types.AgentToServer.decode(Buffer.concat(chunks)), TO_OBJECT) as AgentToServer;
      received.push({ at: performance.now(), message });
      const answer = reply(message);
      if (Array.isArray(answer)) res.writeHead(answer[0]).end(answer[1]);
      else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(types.ServerToAgent.encode(types.ServerToAgent.fromObject(answer)).finish());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/opamp`, received, server };
}

const until = async (check: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('OpampClient', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  function client(url: string, report: () => AgentReport, extra: Partial<ConstructorParameters<typeof OpampClient>[0]> = {}): OpampClient {
    const c = new OpampClient({
      endpoint: url,
      headers: {},
      timeoutMs: 2_000,
      pollingIntervalMs: 100,
      instanceUid: new Uint8Array(16).fill(7),
      log: quiet,
      report,
      ...extra,
    });
    cleanups.push(() => c.stop(500));
    return c;
  }

  const report = (status: string): AgentReport => ({
    description: { identifying_attributes: [{ key: 'service.name', value: { string_value: 'test' } }], non_identifying_attributes: [] },
    health: { healthy: true, status },
    effectiveConfig: { config_map: { '': { body: new TextEncoder().encode('collectors: {}\n'), content_type: 'text/yaml' } } },
  });

  it('sends the full state first, then only the parts that changed, with sequence numbers one apart', async () => {
    let status = 'running';
    let full = false;
    const { url, received, server } = await serve(() => ({ flags: full ? ServerToAgentFlags.ReportFullState : 0, capabilities: 7 }));
    cleanups.push(() => server.close());
    client(url, () => report(status)).start();
    await until(() => received.length >= 3);
    const [first, second] = received.map((r) => r.message);
    expect(first).toMatchObject({ sequence_num: 1, capabilities: 0x1 | 0x4 | 0x800 | 0x2000 });
    expect(Object.keys(first ?? {})).toEqual(expect.arrayContaining(['agent_description', 'health', 'effective_config']));
    expect(Object.keys(second ?? {}).sort()).toEqual(['capabilities', 'instance_uid', 'sequence_num']);
    status = 'degraded';
    await until(() => received.some((r) => r.message.health?.status === 'degraded'));
    const changed = received.find((r) => r.message.health?.status === 'degraded')?.message;
    expect(changed?.agent_description).toBeUndefined();
    full = true;
    const asked = received.length;
    await until(() => received.length >= asked + 3);
    full = false;
    expect(received.slice(asked + 1).some((r) => r.message.agent_description !== undefined && r.message.effective_config !== undefined)).toBe(true);
    expect(received.map((r) => r.message.sequence_num)).toEqual(received.map((_, i) => i + 1));
  });

  it('backs off from the first retry, doubling up to the polling interval, and reports the full state once through', async () => {
    let failing = true;
    const { url, received, server } = await serve(() => (failing ? [500, Buffer.from('down')] : { capabilities: 7 }));
    cleanups.push(() => server.close());
    client(url, () => report('running'), { firstRetryMs: 100, pollingIntervalMs: 800 }).start();
    await until(() => received.length >= 7);
    failing = false;
    const gaps = received.slice(0, 7).map((r, i, all) => (i === 0 ? 0 : r.at - (all[i - 1]?.at ?? 0)));
    // 100, 200, 400, 800, 800, 800 ms within the +-20% jitter. Timers never fire early; late by
    // up to 250 ms of a loaded machine still tells a capped 800 (at most 960) from a doubled 1600
    // (at least 1280).
    for (const [index, nominal] of [100, 200, 400, 800, 800, 800].entries()) {
      expect(gaps[index + 1]).toBeGreaterThanOrEqual(nominal * 0.8 - 2);
      expect(gaps[index + 1]).toBeLessThanOrEqual(nominal * 1.2 + 250);
    }
    const from = received.length;
    await until(() => received.length >= from + 1);
    expect(received[from]?.message.agent_description).toBeDefined();
  });

  it('stops reading an answer past 4 MB, and says goodbye with agent_disconnect on stop', async () => {
    const errors: string[] = [];
    const { url, received, server } = await serve((m) => (m.agent_disconnect ? { capabilities: 7 } : [200, Buffer.alloc(5 * 1024 * 1024)]));
    cleanups.push(() => server.close());
    const c = client(url, () => report('running'), { log: { ...quiet, warn: (message, fields) => errors.push(`${message} ${String(fields?.error)}`) } });
    c.start();
    await until(() => errors.length > 0);
    expect(errors[0]).toBe('OpAMP poll failed; retrying (collection goes on) the answer passed 4194304 bytes; not read further');
    await c.stop(1_000);
    expect(received.at(-1)?.message.agent_disconnect).toEqual({});
  });
});
