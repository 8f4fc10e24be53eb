// Cases from Diamond's own tests (python-diamond/Diamond,
// src/collectors/redisstat/test/testredisstat.py: test_hostport_or_instance_config and
// test_process_config_with_instances): the config and the (nick, host, port, socket, auth) each
// instance must resolve to.
import { describe, expect, it } from 'vitest';
import { parseInstances } from '@spinel/collector-redis';

type Expected = Array<[string, string, number, string | null, string | null]>;
const defaults = { host: 'localhost', port: 6379, auth: undefined as string | undefined, instances: [] as string[] };

const cases: Array<[string, Partial<typeof defaults>, Expected]> = [
  ['default', {}, [['6379', 'localhost', 6379, null, null]]],
  ['host_set', { host: 'myhost' }, [['6379', 'myhost', 6379, null, null]]],
  ['port_set', { port: 5005 }, [['5005', 'localhost', 5005, null, null]]],
  ['hostport_set', { host: 'megahost', port: 5005 }, [['5005', 'megahost', 5005, null, null]]],
  ['portauth_set', { port: 5005, auth: 'pass' }, [['5005', 'localhost', 5005, null, 'pass']]],
  ['unix_socket_host_set', { host: 'unix:/var/run/redis/myhost.sock' }, [['myhost', 'localhost', 6379, '/var/run/redis/myhost.sock', null]]],
  ['instance_1_host', { instances: ['nick@myhost'] }, [['nick', 'myhost', 6379, null, null]]],
  ['unix_socket_instance_1_host', { instances: ['nick@unix:/var/run/redis/myhost.sock'] }, [['nick', 'localhost', 6379, '/var/run/redis/myhost.sock', null]]],
  [
    'unix_socket_instance_1_hostauth',
    { instances: ['nick@unix:/var/run/redis/myhost.sock:/pass'] },
    [['nick', 'localhost', 6379, '/var/run/redis/myhost.sock', 'pass']],
  ],
  ['instance_1_port', { instances: ['nick@:9191'] }, [['nick', 'localhost', 9191, null, null]]],
  ['instance_1_hostport', { instances: ['nick@host1:8765'] }, [['nick', 'host1', 8765, null, null]]],
  [
    'instance_2',
    { instances: ['foo@hostX', 'bar@:1000/pass', 'unix:/var/run/redis/myhost.sock:1/pass'] },
    [
      ['foo', 'hostX', 6379, null, null],
      ['bar', 'localhost', 1000, null, 'pass'],
      ['myhost', 'localhost', 6379, '/var/run/redis/myhost.sock', 'pass'],
    ],
  ],
  [
    'old_and_new',
    { host: 'myhost', port: 1234, instances: ['foo@hostX', 'bar@:1000', 'hostonly', ':1234'] },
    [
      ['foo', 'hostX', 6379, null, null],
      ['bar', 'localhost', 1000, null, null],
      ['6379', 'hostonly', 6379, null, null],
      ['1234', 'localhost', 1234, null, null],
    ],
  ],
  [
    'process_config_with_instances',
    { instances: ['nick1@host1:1111', 'nick2@:2222', 'nick3@host3', 'nick4@host4:3333/@pass/word', 'bla'] },
    [
      ['nick1', 'host1', 1111, null, null],
      ['nick2', 'localhost', 2222, null, null],
      ['nick3', 'host3', 6379, null, null],
      ['nick4', 'host4', 3333, null, '@pass/word'],
      ['6379', 'bla', 6379, null, null],
    ],
  ],
];

describe("redis instances, as Diamond's tests resolve them", () => {
  it.each(cases)('%s', (_name, config, expected) => {
    const resolved = [...parseInstances({ ...defaults, ...config })].map(([nick, t]) => [nick, t.host, t.port, t.socket ?? null, t.auth ?? null]);
    expect(resolved.sort()).toEqual([...expected].sort());
    for (const [nick, target] of parseInstances({ ...defaults, ...config })) expect(target.clientName).toBe(`spinel-${nick}`);
  });
});
