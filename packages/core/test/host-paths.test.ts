import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHostPaths, hostRootsFromEnv } from '@spinel/core';

describe('host paths', () => {
  it('reads HOST_PROC, HOST_SYS and HOST_ETC, else the real folders', () => {
    expect(hostRootsFromEnv({})).toEqual({ proc: '/proc', sys: '/sys', etc: '/etc' });
    expect(hostRootsFromEnv({ HOST_PROC: '/host/proc', HOST_SYS: '/host/sys' })).toEqual({ proc: '/host/proc', sys: '/host/sys', etc: '/etc' });
  });

  it("reads network files through the host's init under a mounted host /proc, everything else as it is", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'spinel-hostproc-'));
    mkdirSync(path.join(root, '1', 'net'), { recursive: true });
    writeFileSync(path.join(root, '1', 'net', 'dev'), '');
    const paths = createHostPaths({ proc: root, sys: '/sys', etc: '/etc' });
    expect(paths.procfs('net', 'dev')).toBe(path.join(root, '1', 'net', 'dev'));
    expect(paths.procfs('net/snmp')).toBe(path.join(root, '1', 'net', 'snmp'));
    expect(paths.procfs('meminfo')).toBe(path.join(root, 'meminfo'));
    expect(paths.procfs('42', 'net', 'dev')).toBe(path.join(root, '42', 'net', 'dev'));
    expect(paths.procfs('network')).toBe(path.join(root, 'network'));
  });

  it('keeps <proc>/net for a fixture tree without a pid 1, and for the real /proc', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'spinel-fixtureproc-'));
    expect(createHostPaths({ proc: root, sys: '/sys', etc: '/etc' }).procfs('net', 'dev')).toBe(path.join(root, 'net', 'dev'));
    expect(createHostPaths({ proc: '/proc', sys: '/sys', etc: '/etc' }).procfs('net', 'dev')).toBe('/proc/net/dev');
  });
});
