import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import type { ConfigIssue } from './errors.js';

/** Config text with where it came from. */
export interface ConfigSource {
  /** Shown in every error: a file path, or `<embedded default>`. */
  label: string;
  text: string;
  /** Relative plugin paths and file options resolve from here. */
  baseDir: string;
}

export interface ParsedConfig {
  source: ConfigSource;
  document: Record<string, unknown>;
  issues: ConfigIssue[];
}

export function readConfigFile(file: string): ConfigSource {
  const absolute = path.resolve(file);
  return { label: file, text: readFileSync(absolute, 'utf8'), baseDir: path.dirname(absolute) };
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
      issues.push({ file: label, key: `line ${index + 1}`, expected: `environment variable ${name} to be set (or a default: \${${name}:-value})`, found: 'it unset' });
      return '';
    }),
  );
  return { text: lines.join('\n'), issues };
}

/** Parses YAML (JSON is YAML too) after environment substitution; never throws on bad input. */
export function parseConfig(source: ConfigSource, env: NodeJS.ProcessEnv = process.env): ParsedConfig {
  const substituted = substituteEnv(source.text, env, source.label);
  const issues = [...substituted.issues];
  const doc = parseDocument(substituted.text);
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
  const document = (doc.toJS() ?? {}) as Record<string, unknown>;
  return { source, document, issues };
}
