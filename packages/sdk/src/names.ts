import type { Dimensions } from './sample.js';

// One rule for every name that reaches a handler, applied when a collector publishes:
// - C0 controls (U+0000-U+001F, so also tab and line breaks), DEL and C1 controls (U+0080-U+009F)
//   and unpaired surrogates are refused: they forge lines in text protocols and are never part of
//   a real metric name. The sample is counted as `rejected`, not published.
// - Other whitespace (space, no-break space, U+2028...) in a metric name, an instance or a
//   dimension key becomes `_`, as Diamond's collectors replaced it in the names they built.
//   Dimension values keep their spaces: label-based backends quote them.
// - A dimension key `__proto__` (also after whitespace became `_`) is refused: as a property name
//   it sets an object's prototype instead of a label, and the label would vanish.
// - In a metric name or an instance, `/` and `\` become `_` and empty path segments go (`a..b` is
//   `a.b`, a leading or trailing dot is dropped): carbon turns dots into folders, so a name such as
//   a statsd key `../../etc/x` must never reach it as a path, and no backend wants an empty segment.

const LINE_BREAKING = /[\s\u0000-\u001f\u007f-\u009f]/;

/** True when text has whitespace or a control character: it would split a plaintext line or a metric path. */
export function breaksLine(text: string): boolean {
  return LINE_BREAKING.test(text);
}

const SUSPECT = /[\s\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const WHITESPACE = /\s/g;

/** Why a name was refused, or undefined when it is acceptable as it is or once whitespace is replaced. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (!SUSPECT.test(name)) return undefined;
  if (CONTROL.test(name)) return 'contains a control character';
  if (!name.isWellFormed()) return 'contains an unpaired surrogate';
  return undefined;
}

/** A dimension key as published: whitespace replaced by `_`; undefined when refused. */
export function normalizeName(name: string): string | undefined {
  if (name !== '' && !SUSPECT.test(name)) return name;
  if (nameProblem(name)) return undefined;
  return name.replace(WHITESPACE, '_');
}

const PATH_SUSPECT = /[/\\]|\.\.|^\.|\.$/;

/** Why a metric name or instance is refused, or undefined. */
export function pathNameProblem(name: string): string | undefined {
  return nameProblem(name) ?? (normalizePathName(name) === undefined ? 'has no path segment once dots and slashes are cleaned' : undefined);
}

/** A metric name or instance as published: {@link normalizeName}, then no `/`, `\` or empty segment; undefined when refused or left empty. */
export function normalizePathName(name: string): string | undefined {
  const normalized = normalizeName(name);
  if (normalized === undefined || !PATH_SUSPECT.test(normalized)) return normalized;
  const cleaned = normalized
    .replace(/[/\\]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.|\.$/g, '');
  return cleaned === '' ? undefined : cleaned;
}

/** A dimension value as published (whitespace kept); undefined when refused. */
export function checkDimensionValue(value: string): string | undefined {
  if (!SUSPECT.test(value)) return value;
  return CONTROL.test(value) || !value.isWellFormed() ? undefined : value;
}

/**
 * Dimensions as published: keys normalized, values checked; `null` when any key or value is
 * refused (the whole sample is then refused); undefined for no dimensions.
 */
export function normalizeDimensions(dimensions: Dimensions | undefined): Dimensions | undefined | null {
  if (!dimensions) return undefined;
  let out: Record<string, string> | undefined;
  let changed = false;
  let any = false;
  for (const key in dimensions) {
    any = true;
    const raw = dimensions[key];
    if (typeof raw !== 'string') return null;
    const name = normalizeName(key);
    const value = checkDimensionValue(raw);
    if (name === undefined || value === undefined || name === '__proto__') return null;
    if (name !== key) changed = true;
    (out ??= {})[name] = value;
  }
  if (!any) return undefined;
  return changed ? out : dimensions;
}

/** A string as it reads in a log line: quoted, control characters escaped. */
export function escapeName(name: string): string {
  return JSON.stringify(name).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
