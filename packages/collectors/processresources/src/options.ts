import { option, type ParseResult } from '@spinel/sdk';

/** How one process group is recognised; a process matching any rule belongs to the group. */
export interface GroupRules {
  exe: string[];
  name: string[];
  cmdline: string[];
  user: string[];
  pid_file: string | undefined;
  selfmon: boolean;
  count_workers: boolean;
}

const LIST_KEYS = ['exe', 'name', 'cmdline', 'user'] as const;
const KEYS = new Set<string>([...LIST_KEYS, 'pid_file', 'selfmon', 'count_workers']);

function asList(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return raw;
  return undefined;
}

function asBoolean(raw: unknown): boolean | undefined {
  if (raw === undefined || raw === null) return false;
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 'True') return true;
  if (raw === 'false' || raw === 'False') return false;
  return undefined;
}

/** Reads one group's rules, as Diamond's `[[name]]` subsection holds them (comma-separated lists allowed). */
export function parseGroup(raw: unknown): ParseResult<GroupRules> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, expected: 'a mapping with exe, name, cmdline, user, pid_file, selfmon or count_workers' };
  const entry = raw as Record<string, unknown>;
  const unknown = Object.keys(entry).find((key) => !KEYS.has(key));
  if (unknown !== undefined) return { ok: false, expected: `one of ${[...KEYS].join(', ')}, found key ${unknown}` };
  const rules: GroupRules = { exe: [], name: [], cmdline: [], user: [], pid_file: undefined, selfmon: false, count_workers: false };
  for (const key of LIST_KEYS) {
    const list = asList(entry[key]);
    if (!list) return { ok: false, expected: `${key} as a regular expression or a list of them` };
    if (key !== 'user') {
      for (const pattern of list) {
        try {
          new RegExp(pattern);
        } catch {
          return { ok: false, expected: `${key}: a valid regular expression, found ${JSON.stringify(pattern)}` };
        }
      }
    }
    rules[key] = list;
  }
  if (entry.pid_file !== undefined && typeof entry.pid_file !== 'string') return { ok: false, expected: 'pid_file as a path' };
  rules.pid_file = entry.pid_file;
  for (const key of ['selfmon', 'count_workers'] as const) {
    const value = asBoolean(entry[key]);
    if (value === undefined) return { ok: false, expected: `${key} as true or false` };
    rules[key] = value;
  }
  return { ok: true, value: rules };
}

export const options = {
  process: option.mapping<GroupRules>(
    { spinel: { exe: [], name: [], cmdline: [], user: [], pid_file: undefined, selfmon: true, count_workers: false } },
    "Process groups by name (Diamond's `[process]` subsections): each with `exe`, `name`, `cmdline` (regular expressions, searched), `user` (names), `pid_file`, `selfmon` (the agent itself) and `count_workers`. By default one group, `spinel`: the agent's own process.",
    'mapping of process groups',
    parseGroup,
  ),
};
