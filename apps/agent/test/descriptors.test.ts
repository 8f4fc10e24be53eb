// Descriptors are the process's, shared by every worker: a flood of connections or a plugin that
// leaks files must not take the agent to EMFILE. The agent runs under `prlimit --nofile=2048`.
import { readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freePort } from '../../../tooling/services/process.mjs';
import { archiveLines, FIXTURES, lastValue, sleep, startAgent, tempDir, waitFor, writeConfig } from './helpers.js';

const LIMIT = 2048;

describe('descriptor exhaustion', () => {
  it('5,000 connections to the statsd listener and a collector leaking 300 files a run: capped, restarted, closed; cpu publishes throughout', async () => {
    const dir = tempDir('descriptors');
    const archive = path.join(dir, 'archive.log');
    const statsdPort = await freePort();
    const config = writeConfig(
      dir,
      `agent: { hostname: h, telemetry_interval: 1, status: { enabled: false } }
collectors:
  defaults: { interval: 1, splay: 0 }
  cpu: {}
  statsd: { port: ${statsdPort}, protocols: [tcp], max_connections: 200 }
  fdleak: { plugin: ${path.join(FIXTURES, 'hostile', 'c-fdleak.mjs')} }
handlers:
  archive: { path: ${archive} }
`,
    );
    const agent = startAgent(config, dir, { wrap: ['prlimit', `--nofile=${LIMIT}`, '--'] });
    onTestFinished(() => void agent.stop('SIGKILL'));
    await waitFor(() => agent.output().stderr.includes('agent started'), 20_000, 'the agent');
    // prlimit sets the limit and executes the agent in its own process.
    const descriptors = (): number => readdirSync(`/proc/${agent.child.pid}/fd`).length;

    // The flood: 5,000 connections held open by this process (its own limit is higher).
    const sockets: net.Socket[] = [];
    for (let i = 0; i < 5000; i++) {
      const socket = net.connect(statsdPort, '127.0.0.1');
      socket.on('error', () => undefined);
      sockets.push(socket);
      if (i % 500 === 499) await sleep(50);
    }
    let most = 0;
    for (let t = 0; t < 12; t++) {
      most = Math.max(most, descriptors());
      await sleep(1000);
    }
    for (const s of sockets) s.destroy();
    expect(agent.exited).toBe(false);
    const { stderr } = agent.output();
    expect(stderr).not.toContain('EMFILE');
    expect(most).toBeLessThan(LIMIT - 64);
    expect(stderr).toMatch(/worker own:fdleak holds \d+ descriptors \(max_descriptors 512; plugins fdleak\); restarting/);
    expect(await agent.stop()).toBe(0);
    const lines = archiveLines(archive);
    const refused = lines.filter(([p]) => p === 'servers.h.statsd._listener.refused').reduce((sum, [, v]) => sum + v, 0);
    expect(refused).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...lines.filter(([p]) => p === 'servers.h.statsd._listener.connections').map(([, v]) => v))).toBe(200);
    expect(lastValue(lines, 'servers.h.spinel.collectors.fdleak.restarts')).toBeGreaterThanOrEqual(2);
    const cpuStamps = new Set(lines.filter(([p]) => p === 'servers.h.cpu.total.idle').map(([, , t]) => t));
    expect(cpuStamps.size).toBeGreaterThanOrEqual(10);
  }, 60_000);
});
