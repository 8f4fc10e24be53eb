import { createServer, type Server } from 'node:net';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validatePluginOptions } from '@spinel/sdk';
import { CollectorHarness, collectOnce } from '@spinel/testing';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector, { listeningPorts } from '@spinel/collector-portcheck';

const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const listen = (port: number, sl: number): string =>
  `   ${sl}: 00000000:${port.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 ${1000 + sl} 1 0000000000000000 100 0 0 10 0`;

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: {
    proc: { 'net/tcp': `${HEADER}\n   0: 00000000 00000000:0000 0A\n` },
    message: 'net/tcp: expected "<sl>: <address>:<port> <address>:<port> <state> ..." on line 2',
    options: { port: { ssh: { number: 22 } } },
  },
  // A new set of listening ports every round, watched under new names.
  leak: {
    options: { port: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`svc${i}`, { number: 10_000 + i }])) },
    perRound: (r) => ({ proc: { 'net/tcp': `${[HEADER, ...Array.from({ length: 50 }, (_, i) => listen(10_000 + ((i + r) % 100), i))].join('\n')}\n` } }),
  },
});

describe('portcheck tables', () => {
  it('reads TCP LISTEN sockets only, and every bound UDP socket', () => {
    const tcp = `${HEADER}\n${listen(22, 0)}\n   1: 0100007F:1F90 0100007F:D3A2 01 00000000:00000000 00:00000000 00000000   110        0 31013 1\n`;
    expect([...listeningPorts(tcp, 'tcp', 'tcp')]).toEqual([22]);
    expect([...listeningPorts(tcp, 'udp', 'udp')].sort((a, b) => a - b)).toEqual([22, 8080]);
  });

  it('reads tcp6 only when tcp leaves a watched port out (each read walks the kernel connection hash)', async () => {
    const options = { port: { ssh: { number: 22 } } };
    const garbled6 = `${HEADER}\n   0: 00000000 00000000:0000 0A\n`;
    const found = await collectOnce(collector, { proc: { 'net/tcp': `${HEADER}\n${listen(22, 0)}\n`, 'net/tcp6': garbled6 } }, { options });
    expect(found.result.error).toBeUndefined();
    expect([...found.checks.keys()]).toEqual(['ssh.22']);
    const missing = await collectOnce(collector, { proc: { 'net/tcp': `${HEADER}\n${listen(80, 0)}\n`, 'net/tcp6': garbled6 } }, { options });
    expect(missing.result.error?.message).toContain('net/tcp6: expected');
  });

  it('refuses a table without the kernel header, naming the file', () => {
    expect(() => listeningPorts('hello\n', '/proc/net/tcp', 'tcp')).toThrow(
      '/proc/net/tcp: expected a header "sl local_address rem_address st ...", found "hello"',
    );
  });

  it("validates each port's number and protocol, naming the key", () => {
    const issues = (port: unknown) => validatePluginOptions(collector, { port }).issues.map((i) => `${i.key}: ${i.expected}`);
    expect(issues({ web: { number: '8080' } })).toEqual([]);
    expect(issues({ web: { number: 70_000 } })[0]).toContain('number as a port from 1 to 65535, found 70000');
    expect(issues({ web: { number: 80, protocol: 'sctp' } })[0]).toContain('protocol as tcp or udp, found "sctp"');
    expect(issues({ web: { number: 80, proto: 'tcp' } })[0]).toContain('found key proto');
  });
});

describe('portcheck on this host', () => {
  it('checks in a TCP port while a server listens on it (IPv4 and IPv6) and a bound UDP port, and stops when they close', async () => {
    const tcp4 = await new Promise<Server>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
    });
    const tcp6 = await new Promise<Server>((resolve) => {
      const server = createServer().listen(0, '::1', () => resolve(server));
    });
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    const ports = { v4: (tcp4.address() as { port: number }).port, v6: (tcp6.address() as { port: number }).port, udp: udp.address().port };
    const options = {
      ttl: 150,
      port: {
        app: { number: ports.v4 },
        app6: { number: ports.v6 },
        stats: { number: ports.udp, protocol: 'udp' },
        gone: { number: ports.udp, protocol: 'tcp' },
      },
    };
    const h = new CollectorHarness(collector, { live: true, options });
    const open = await h.step({ time: 1 });
    await Promise.all([new Promise((r) => tcp4.close(r)), new Promise((r) => tcp6.close(r)), new Promise((r) => udp.close(() => r(undefined)))]);
    const closed = await h.step({ time: 2 });
    await h.close();
    expect(open.result.error).toBeUndefined();
    expect(Object.fromEntries(open.checks)).toEqual({ [`app.${ports.v4}`]: 150, [`app6.${ports.v6}`]: 150, [`stats.${ports.udp}`]: 150 });
    expect([...closed.checks]).toEqual([]);
  });
});
