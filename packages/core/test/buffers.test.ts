import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { DiskBuffer, MemoryBuffer } from '@spinel/core';
import { bufferContract } from './buffer-contract.js';

const root = mkdtempSync(join(tmpdir(), 'spinel-buffers-'));
let next = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the memory buffer', () => bufferContract(() => new MemoryBuffer()));

describe('the disk buffer', () =>
  bufferContract(() => new DiskBuffer(join(root, String(next++)), 64 * 1024 * 1024, 'drop_oldest', { corrupt: () => undefined, dropped: () => undefined })));
