import { readFileSync } from 'node:fs';
import type { GroupRules } from './options.js';
import type { Identity } from './proc.js';

/** A group's rules compiled once per setup. */
export interface Group {
  name: string;
  exe: RegExp[];
  names: RegExp[];
  cmdline: RegExp[];
  users: Set<string>;
  pidFile: string | undefined;
  selfmon: boolean;
  countWorkers: boolean;
}

export function compileGroup(name: string, rules: GroupRules): Group {
  return {
    name,
    exe: rules.exe.map((p) => new RegExp(p)),
    names: rules.name.map((p) => new RegExp(p)),
    cmdline: rules.cmdline.map((p) => new RegExp(p)),
    users: new Set(rules.user),
    pidFile: rules.pid_file,
    selfmon: rules.selfmon,
    countWorkers: rules.count_workers,
  };
}

/** What a run knows beside the process: the agent's pid, user names by uid, pids from pid files. */
export interface MatchContext {
  selfPid: number;
  userOf(uid: number): string | undefined;
  pidFromFile(file: string): number | undefined;
}

/** Diamond's match_process, plus Telegraf procstat's user and pid file: any rule that holds is enough. */
export function matches(group: Group, process: Identity, ctx: MatchContext): boolean {
  if (group.selfmon && process.pid === ctx.selfPid) return true;
  if (group.exe.some((re) => re.test(process.exe))) return true;
  if (group.names.some((re) => re.test(process.name))) return true;
  if (group.cmdline.some((re) => re.test(process.cmdline))) return true;
  if (group.users.size > 0 && process.uid !== undefined) {
    const user = ctx.userOf(process.uid);
    if (user !== undefined && group.users.has(user)) return true;
  }
  return group.pidFile !== undefined && ctx.pidFromFile(group.pidFile) === process.pid;
}

function usersByUid(passwd: string | undefined): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of (passwd ?? '').split('\n')) {
    const [name, , uid] = line.split(':');
    if (name && uid !== undefined && /^\d+$/.test(uid)) out.set(Number(uid), name);
  }
  return out;
}

function pidFromFile(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** One run's match context: /etc/passwd read only when a group names users, each pid file once. */
export async function runMatchContext(groups: readonly Group[], readPasswd: () => Promise<string | undefined>): Promise<MatchContext> {
  const users = groups.some((g) => g.users.size > 0) ? usersByUid(await readPasswd()) : new Map<number, string>();
  const pidFiles = new Map<string, number | undefined>();
  return {
    selfPid: process.pid,
    userOf: (uid) => users.get(uid),
    pidFromFile: (file) => {
      if (!pidFiles.has(file)) pidFiles.set(file, pidFromFile(file));
      return pidFiles.get(file);
    },
  };
}
