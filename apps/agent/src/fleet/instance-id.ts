import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@spinel/sdk';
import { readStateFile, writeStateFile } from './state-file.js';

/** The files systemd and D-Bus keep the machine id in: unique per installed system, new on a cloned image once it is reset. */
const MACHINE_ID_FILES = ['/etc/machine-id', '/var/lib/dbus/machine-id'];

export const INSTANCE_ID_FILE = 'instance-id.json';

/** A UUID v7 (RFC 9562): 48 bits of Unix ms, then random bits, version 7 and variant 10. */
export function uuidV7(now = Date.now()): Uint8Array {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  return new Uint8Array(bytes);
}

export function uuidText(bytes: Uint8Array): string {
  const h = Buffer.from(bytes).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function uuidBytes(text: string): Uint8Array | undefined {
  const h = text.replaceAll('-', '');
  return /^[0-9a-f]{32}$/i.test(h) ? new Uint8Array(Buffer.from(h, 'hex')) : undefined;
}

export function machineId(files: readonly string[] = MACHINE_ID_FILES): string {
  for (const file of files) {
    try {
      const id = readFileSync(file, 'utf8').trim();
      if (id) return id;
    } catch {
      // the next file, or none: an id then holds until the state directory is cleared
    }
  }
  return '';
}

interface Stored {
  instance_id: string;
  machine_id: string;
}

/**
 * The agent's OpAMP instance id, kept in `<state_dir>/instance-id.json` beside the machine id it
 * was made on: the same across restarts and upgrades; new when the machine id differs (a disk
 * image cloned to another machine, whose machine id was reset), when the file is deleted, or
 * when it is unreadable (then moved aside).
 */
export function loadInstanceId(stateDir: string, log: Logger, machine = machineId()): Uint8Array {
  const file = path.join(stateDir, INSTANCE_ID_FILE);
  const read = readStateFile(file);
  if (read.problem) log.warn(`instance id: ${read.problem}; making a new one`);
  const stored = read.value as Partial<Stored> | undefined;
  const kept = typeof stored?.instance_id === 'string' ? uuidBytes(stored.instance_id) : undefined;
  if (kept && stored?.machine_id === machine) return kept;
  if (kept) log.warn('instance id: the machine id changed since it was made (a cloned disk image?); making a new one', { previous: stored?.instance_id });
  const fresh = uuidV7();
  storeInstanceId(stateDir, fresh, machine);
  log.info('instance id made', { instance_id: uuidText(fresh), file });
  return fresh;
}

export function storeInstanceId(stateDir: string, id: Uint8Array, machine = machineId()): void {
  const stored: Stored = { instance_id: uuidText(id), machine_id: machine };
  writeStateFile(path.join(stateDir, INSTANCE_ID_FILE), `${JSON.stringify(stored, null, 2)}\n`, 0o644);
}
