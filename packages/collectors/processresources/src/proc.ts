// One process as /proc shows it: what the group rules match on and what is published. A process
// that exits between the listing and the reads is skipped; a file the agent may not read
// (another user's io or fd) leaves that figure out, as psutil's AccessDenied did for Diamond.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { MalformedFileError } from '@spinel/sdk';

function tryRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
}

function tryCount(dir: string): number | undefined {
  try {
    return readdirSync(dir).length;
  } catch {
    return undefined;
  }
}

function tryLink(file: string): string {
  try {
    return readlinkSync(file);
  } catch {
    return '';
  }
}

/** `/proc/<pid>/stat` after the name: fields from the state on (index 0 is field 3). */
export function parseStat(text: string, file: string): { name: string; fields: string[] } {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new MalformedFileError(file, `"<pid> (<name>) <state> ...", found ${JSON.stringify(text.slice(0, 80))}`);
  const fields = text
    .slice(close + 2)
    .trim()
    .split(' ');
  if (fields.length < 22) throw new MalformedFileError(file, `at least 24 fields, found ${fields.length + 2}`);
  return { name: text.slice(open + 1, close), fields };
}

function statusField(status: string | undefined, key: string): number | undefined {
  const match = status === undefined ? null : new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status);
  return match ? Number(match[1]) : undefined;
}

export interface Machine {
  ticksPerSecond: number;
  pageSize: number;
  memTotalBytes: number;
}

/**
 * What group rules match on. Only `stat` is read up front; `exe`, `cmdline` and `status` are read
 * the first time a rule (or the resource read of a matched process) asks, so a host's many
 * unmatched processes cost one file each rather than four.
 */
export class Identity {
  private exeText: string | undefined;
  private cmdlineText: string | undefined;
  private statusText: string | undefined;
  private statusRead = false;

  constructor(
    private readonly proc: (...s: string[]) => string,
    readonly pid: number,
    readonly name: string,
    /** `/proc/<pid>/stat` from field 3 on. */
    readonly stat: readonly string[],
  ) {}

  /** Clock ticks after boot at which the process started (stat field 22): with the pid, its identity. */
  get startTicks(): number {
    return Number(this.stat[22 - 3]);
  }

  get exe(): string {
    return (this.exeText ??= tryLink(this.proc(String(this.pid), 'exe')));
  }

  get cmdline(): string {
    return (this.cmdlineText ??= (tryRead(this.proc(String(this.pid), 'cmdline')) ?? '').replace(/\0+$/, '').split('\0').join(' '));
  }

  get status(): string | undefined {
    if (!this.statusRead) {
      this.statusText = tryRead(this.proc(String(this.pid), 'status'));
      this.statusRead = true;
    }
    return this.statusText;
  }

  get uid(): number | undefined {
    return statusField(this.status, 'Uid');
  }
}

/** A process by its `stat`, or undefined when it is gone. */
export function readIdentity(proc: (...s: string[]) => string, pid: number): Identity | undefined {
  const statFile = proc(String(pid), 'stat');
  const statText = tryRead(statFile);
  if (statText === undefined) return undefined;
  const { name, fields } = parseStat(statText, statFile);
  return new Identity(proc, pid, name, fields);
}

/** Resource figures of a matched process, by Diamond's (psutil's) names. */
export function readResources(proc: (...s: string[]) => string, process: Identity, machine: Machine): Map<string, number> {
  const dir = String(process.pid);
  const number = (field: number): number => Number(process.stat[field - 3]);
  const values = new Map<string, number>();
  const tick = machine.ticksPerSecond;
  // psutil's pcputimes: utime, stime, cutime, cstime and delayacct_blkio_ticks (fields 14-17, 42).
  values.set('cpu_times.user', number(14) / tick);
  values.set('cpu_times.system', number(15) / tick);
  values.set('cpu_times.children_user', number(16) / tick);
  values.set('cpu_times.children_system', number(17) / tick);
  if (Number.isFinite(number(42))) values.set('cpu_times.iowait', number(42) / tick);
  values.set('num_threads', number(20));
  const statm = tryRead(proc(dir, 'statm'))?.trim().split(' ').map(Number);
  if (statm && statm.length >= 6) {
    // psutil's memory_info_ex reads all seven statm fields; lib and dirty are 0 since Linux 2.6.
    const [size = 0, resident = 0, shared = 0, text = 0, lib = 0, data = 0, dirty = 0] = statm;
    const page = machine.pageSize;
    values.set('memory_info_ex.rss', resident * page);
    values.set('memory_info_ex.vms', size * page);
    values.set('memory_info_ex.shared', shared * page);
    values.set('memory_info_ex.text', text * page);
    values.set('memory_info_ex.data', data * page);
    values.set('memory_info_ex.lib', lib * page);
    values.set('memory_info_ex.dirty', dirty * page);
    if (machine.memTotalBytes > 0) values.set('memory_percent', (100 * resident * page) / machine.memTotalBytes);
  }
  const voluntary = statusField(process.status, 'voluntary_ctxt_switches');
  const involuntary = statusField(process.status, 'nonvoluntary_ctxt_switches');
  if (voluntary !== undefined) values.set('num_ctx_switches.voluntary', voluntary);
  if (involuntary !== undefined) values.set('num_ctx_switches.involuntary', involuntary);
  const io = tryRead(proc(dir, 'io'));
  if (io !== undefined) {
    const fields = [
      ['syscr', 'read_count'],
      ['syscw', 'write_count'],
      ['read_bytes', 'read_bytes'],
      ['write_bytes', 'write_bytes'],
      ['rchar', 'read_chars'],
      ['wchar', 'write_chars'],
    ] as const;
    for (const [key, name] of fields) {
      const value = statusField(io, key);
      if (value !== undefined) values.set(`io_counters.${name}`, value);
    }
  }
  const fds = tryCount(proc(dir, 'fd'));
  if (fds !== undefined) values.set('num_fds', fds);
  return values;
}

/** Every numeric entry of /proc: the running processes. */
export function listPids(proc: (...s: string[]) => string): number[] {
  try {
    return readdirSync(proc())
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number);
  } catch {
    return [];
  }
}
