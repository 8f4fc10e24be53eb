import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isCollection, isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigError, type ConfigIssue } from './errors.js';

/**
 * Largest config file read: a Diamond or Spinel config is a few KB, and a parser fed hundreds of
 * MB would hold the agent's start-up (and memory) hostage.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Aliases one config may expand; more is the "billion laughs" attack, not a config. */
const MAX_ALIAS_COUNT = 100;

/** Config text with where it came from. */
export interface ConfigSource {
  /** Shown in every error: a file path, or `<embedded default>`. */
  label: string;
  text: string;
  /** Relative plugin paths and file options resolve from here. */
  baseDir: string;
  /** The absolute path the text was read from; undefined for the embedded default. */
  file?: string | undefined;
}

export interface ParsedConfig {
  source: ConfigSource;
  document: Record<string, unknown>;
  issues: ConfigIssue[];
}

/** Reads a config file; anything but a readable file within {@link MAX_CONFIG_BYTES} is a {@link ConfigError} naming it. */
export function readConfigFile(file: string): ConfigSource {
  const absolute = path.resolve(file);
  const refuse = (found: string): ConfigError =>
    new ConfigError([{ file, key: '(file)', expected: `a readable YAML or JSON config file of at most ${MAX_CONFIG_BYTES} bytes`, found }]);
  try {
    const stats = statSync(absolute);
    if (stats.isDirectory()) throw refuse('a directory');
    if (!stats.isFile()) throw refuse('not a regular file');
    if (stats.size > MAX_CONFIG_BYTES) throw refuse(`${stats.size} bytes`);
    return { label: file, text: readFileSync(absolute, 'utf8'), baseDir: path.dirname(absolute), file: absolute };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const { code } = error as NodeJS.ErrnoException;
    throw refuse(code === 'ENOENT' ? 'no such file' : `it unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Duplicate keys in every mapping, found with one set per mapping (the parser's own check is quadratic). */
function duplicateKeys(root: unknown, lines: LineCounter, label: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const visit = (node: unknown, at: string): void => {
    if (!isCollection(node)) return;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const where = at ? `${at}.${key}` : key;
        if (seen.has(key)) {
          const offset = (pair.key as Node | null)?.range?.[0];
          const line = offset === undefined ? undefined : lines.linePos(offset).line;
          issues.push({ file: label, key: line ? `${where} (line ${line})` : where, expected: 'each key once in its mapping', found: 'a duplicate key' });
        }
        seen.add(key);
        visit(pair.value, where);
      }
    } else {
      node.items.forEach((item, index) => {
        visit(item, `${at}[${index}]`);
      });
    }
  };
  visit(root, '');
  return issues;
}

const ENV_REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${NAME}` and `${NAME:-default}` with environment values before parsing, so YAML
 * types still apply (`interval: ${INTERVAL}` is a number). `$${` escapes a literal `${`.
 */
export function substituteEnv(text: string, env: NodeJS.ProcessEnv, label: string): { text: string; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const lines = text.split('\n').map((line, index) =>
    line.replace(ENV_REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
      if (match === '$${') return '${';
      const value = env[name ?? ''];
      if (value !== undefined) return value;
      if (fallback !== undefined) return fallback;
      issues.push({
        file: label,
        key: `line ${index + 1}`,
        expected: `environment variable ${name} to be set (or a default: \${${name}:-value})`,
        found: 'it unset',
      });
      return '';
    }),
  );
  return { text: lines.join('\n'), issues };
}

/** Flow collections (`[`, `{`) nested deeper than a config needs; the parser's memory grows with it past any bound. */
export const MAX_FLOW_DEPTH = 64;

/**
 * The deepest nesting of `[ ]` and `{ }` outside quotes and comments. A 600 KB line of `[`
 * exhausted the agent's heap inside the YAML parser (a remote config is text anyone with the
 * server's ear can send), so this is counted before parsing.
 */
function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote = '';
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (comment) comment = c !== '\n';
    else if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) comment = true;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** Parses YAML (JSON is YAML too) after environment substitution; never throws on bad input. */
export function parseConfig(source: ConfigSource, env: NodeJS.ProcessEnv = process.env): ParsedConfig {
  const substituted = substituteEnv(source.text, env, source.label);
  const issues = [...substituted.issues];
  if (Buffer.byteLength(substituted.text) > MAX_CONFIG_BYTES) {
    issues.push({
      file: source.label,
      key: '(file)',
      expected: `a config of at most ${MAX_CONFIG_BYTES} bytes after \${VAR} substitution`,
      found: `${Buffer.byteLength(substituted.text)} bytes`,
    });
    return { source, document: {}, issues };
  }
  const depth = flowDepth(substituted.text);
  if (depth > MAX_FLOW_DEPTH) {
    issues.push({ file: source.label, key: '(document)', expected: `at most ${MAX_FLOW_DEPTH} levels of [ ] and { } nesting`, found: `${depth} levels` });
    return { source, document: {}, issues };
  }
  const lines = new LineCounter();
  const doc = parseDocument(substituted.text, { uniqueKeys: false, lineCounter: lines });
  for (const error of doc.errors) {
    const line = error.linePos?.[0];
    issues.push({
      file: source.label,
      key: line ? `line ${line.line}, column ${line.col}` : '(document)',
      expected: 'valid YAML or JSON',
      found: error.message.split('\n')[0] ?? error.code,
    });
  }
  if (doc.errors.length > 0) return { source, document: {}, issues };
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) {
    issues.push({ file: source.label, key: '(document)', expected: 'a mapping with agent, collectors and handlers', found: 'another kind of value' });
    return { source, document: {}, issues };
  }
  issues.push(...duplicateKeys(contents, lines, source.label));
  if (issues.length > 0) return { source, document: {}, issues };
  try {
    const document = (doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {}) as Record<string, unknown>;
    return { source, document, issues };
  } catch (error) {
    issues.push({
      file: source.label,
      key: '(document)',
      expected: `at most ${MAX_ALIAS_COUNT} alias expansions (*name)`,
      found: error instanceof Error ? error.message : String(error),
    });
    return { source, document: {}, issues };
  }
}
