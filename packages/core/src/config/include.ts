import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describeValue } from '@spinel/sdk';
import type { ConfigIssue } from './errors.js';
import { parseConfig, readConfigFile, type ConfigSource } from './load.js';
import { isMapping } from './sections.js';
import { unknownSectionIssues } from './unknown-sections.js';

/** Where each key path of the merged document was last set, when an included file set it. */
export type KeyOrigins = Map<string, string>;

const MERGED_SECTIONS = ['agent', 'collectors', 'handlers'] as const;

/**
 * The files an `include` entry names: a path, or a path whose last part has `*` wildcards
 * (`conf.d/*.yaml`), relative to the main config's folder, in name order. A wildcard that
 * matches nothing, or names a folder that does not exist, is no files; a plain path must exist.
 */
function filesOf(pattern: string, baseDir: string): string[] {
  const absolute = path.resolve(baseDir, pattern);
  const name = path.basename(absolute);
  if (!name.includes('*')) return [absolute];
  const folder = path.dirname(absolute);
  const matcher = new RegExp(
    `^${name
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((entry) => matcher.test(entry) && !entry.startsWith('.'))
    .sort()
    .map((entry) => path.join(folder, entry));
}

/** Merges one mapping into another a level deep, recording which keys `label` set. */
export function mergeInto(target: Record<string, unknown>, from: Record<string, unknown>, at: string, label: string, origins: KeyOrigins): void {
  for (const [key, value] of Object.entries(from)) {
    const where = `${at}.${key}`;
    const existing = target[key];
    if (isMapping(existing) && isMapping(value)) {
      target[key] = { ...existing, ...value };
      for (const inner of Object.keys(value)) origins.set(`${where}.${inner}`, label);
    } else {
      target[key] = value;
      origins.set(where, label);
    }
  }
}

/**
 * Applies the main config's `include:` (a path or a list of them): each file is parsed as the
 * main one is, and its `agent`, `collectors` and `handlers` are merged into the main document in
 * file order, an entry's options key by key (Diamond merged its collectors' config folder the
 * same way). Included files cannot include further. Returns the issues, each naming its file.
 */
export function applyIncludes(
  document: Record<string, unknown>,
  source: ConfigSource,
  env: NodeJS.ProcessEnv | undefined,
  origins: KeyOrigins,
  files: string[] = [],
): ConfigIssue[] {
  const raw = document.include;
  delete document.include;
  if (raw === undefined) return [];
  const patterns = typeof raw === 'string' ? [raw] : Array.isArray(raw) && raw.every((p) => typeof p === 'string') ? (raw as string[]) : undefined;
  if (!patterns)
    return [
      {
        file: source.label,
        key: 'include',
        expected: 'a file path or a list of them (the last part may have * wildcards: conf.d/*.yaml)',
        found: describeValue(raw),
      },
    ];
  const issues: ConfigIssue[] = [];
  for (const file of patterns.flatMap((pattern) => filesOf(pattern, source.baseDir))) {
    let included: ConfigSource;
    try {
      included = readConfigFile(file);
    } catch (error) {
      issues.push(...((error as { issues?: ConfigIssue[] }).issues ?? [{ file, key: '(file)', expected: 'a readable config file', found: String(error) }]));
      continue;
    }
    if (included.file) files.push(included.file);
    const parsed = parseConfig(included, env);
    issues.push(...parsed.issues);
    issues.push(...unknownSectionIssues(file, Object.keys(parsed.document), MERGED_SECTIONS, ' (an included file cannot include)'));
    for (const [key, value] of Object.entries(parsed.document)) {
      if (!(MERGED_SECTIONS as readonly string[]).includes(key)) continue;
      if (!isMapping(value)) {
        issues.push({ file, key, expected: `a mapping of ${key}`, found: describeValue(value) });
        continue;
      }
      const target = isMapping(document[key]) ? (document[key] as Record<string, unknown>) : {};
      document[key] = target;
      mergeInto(target, value, key, file, origins);
    }
  }
  return issues;
}

/** Re-labels an issue with the included file that set its key, when one did. */
export function attributeIssue(issue: ConfigIssue, origins: KeyOrigins): ConfigIssue {
  if (origins.size === 0) return issue;
  const parts = issue.key.split(/[.[ ]/);
  for (let length = parts.length; length >= 2; length--) {
    const file = origins.get(parts.slice(0, length).join('.'));
    if (file) return { ...issue, file };
  }
  return issue;
}
