import { describeValue } from './describe.js';

/** One problem found while validating options: where, what was expected, what was found. */
export interface OptionIssue {
  /** Dotted key path relative to the options object, e.g. `percore` or `byte_unit.1`. */
  key: string;
  expected: string;
  found: string;
}

/** What an option's parser returns: the value, or what was expected (for the error message). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; expected: string };

/** The declaration of one option: its type, default and documentation. */
export interface OptionSpec<T> {
  readonly kind: string;
  /** Human-readable type, used in docs and error messages ("boolean", "one of a, b"). */
  readonly typeLabel: string;
  readonly default: T;
  readonly description: string;
  /** Secrets are redacted by `spinel config print` and in logs. */
  readonly secret: boolean;
  /** A config must set it; the default is only a placeholder. */
  readonly required?: boolean;
  parse(raw: unknown): ParseResult<T>;
}

/** A plugin's options: option name (snake_case, Diamond's where Diamond has one) to its spec. */
export type OptionsSchema = Readonly<Record<string, OptionSpec<unknown>>>;

/** The validated options object a schema produces. */
export type OptionValues<S extends OptionsSchema> = {
  -readonly [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never;
};

interface SpecInit<T> {
  kind: string;
  typeLabel: string;
  default: T;
  description: string;
  secret?: boolean;
  required?: boolean;
  parse(raw: unknown): ParseResult<T>;
}

function spec<T>(init: SpecInit<T>): OptionSpec<T> {
  return { secret: false, ...init };
}

const fail = (expected: string): { ok: false; expected: string } => ({ ok: false, expected });

function parseBoolean(raw: unknown): ParseResult<boolean> {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  // Diamond configs carry booleans as strings ('True', 'false').
  if (typeof raw === 'string') {
    const lowered = raw.trim().toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(lowered)) return { ok: true, value: true };
    if (['false', 'no', 'off', '0'].includes(lowered)) return { ok: true, value: false };
  }
  return fail('boolean (true or false)');
}

interface NumberConstraints {
  min?: number;
  max?: number;
  integer?: boolean;
}

function numberLabel(c: NumberConstraints): string {
  const base = c.integer ? 'integer' : 'number';
  if (c.min !== undefined && c.max !== undefined) return `${base} from ${c.min} to ${c.max}`;
  if (c.min !== undefined) return `${base} >= ${c.min}`;
  if (c.max !== undefined) return `${base} <= ${c.max}`;
  return base;
}

function parseNumber(raw: unknown, c: NumberConstraints): ParseResult<number> {
  const label = numberLabel(c);
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) value = Number(raw);
  else return fail(label);
  if (!Number.isFinite(value)) return fail(label);
  if (c.integer && !Number.isInteger(value)) return fail(label);
  if (c.min !== undefined && value < c.min) return fail(label);
  if (c.max !== undefined && value > c.max) return fail(label);
  return { ok: true, value };
}

function parseStringList(raw: unknown): ParseResult<string[]> {
  // Diamond writes lists as comma-separated strings; accept both forms.
  if (typeof raw === 'string') {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return { ok: true, value: items };
  }
  if (Array.isArray(raw) && raw.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return { ok: true, value: raw.map(String) };
  }
  return fail('list of strings (or a comma-separated string)');
}

/** Why `pattern` does not compile as a regular expression, or undefined when it does. */
function compileProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return `${JSON.stringify(pattern)}: ${error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error)}`;
  }
}

/** Builders for option specs. Every option has a default and a one-line description. */
export const option = {
  boolean(defaultValue: boolean, description: string): OptionSpec<boolean> {
    return spec({ kind: 'boolean', typeLabel: 'boolean', default: defaultValue, description, parse: parseBoolean });
  },

  number(defaultValue: number, description: string, constraints: NumberConstraints = {}): OptionSpec<number> {
    return spec({
      kind: 'number',
      typeLabel: numberLabel(constraints),
      default: defaultValue,
      description,
      parse: (raw) => parseNumber(raw, constraints),
    });
  },

  string(defaultValue: string, description: string, opts: { secret?: boolean } = {}): OptionSpec<string> {
    return spec({
      kind: 'string',
      typeLabel: 'string',
      default: defaultValue,
      description,
      secret: opts.secret ?? false,
      parse: (raw) => (typeof raw === 'string' ? { ok: true, value: raw } : typeof raw === 'number' ? { ok: true, value: String(raw) } : fail('string')),
    });
  },

  /**
   * File permissions in octal, as `chmod` takes them: `'0640'` or `640` (YAML reads an unquoted
   * 0640 as the number 640, whose digits are taken as octal). The value is the four-digit octal
   * text (`'0640'`); `Number.parseInt(value, 8)` gives the mode.
   */
  fileMode(defaultValue: string, description: string): OptionSpec<string> {
    return spec({
      kind: 'fileMode',
      typeLabel: 'octal file mode',
      default: defaultValue,
      description,
      parse: (raw) => {
        const text = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : typeof raw === 'string' ? raw.trim().replace(/^0o/i, '') : '';
        return /^[0-7]{3,4}$/.test(text) ? { ok: true, value: text.padStart(4, '0') } : fail("octal file mode such as '0600' or '0640'");
      },
    });
  },

  /** A string the config must set (an API key, a URL without a sensible default). */
  requiredString(description: string, opts: { secret?: boolean } = {}): OptionSpec<string> {
    return spec({
      kind: 'string',
      typeLabel: 'string (required)',
      default: '',
      description,
      secret: opts.secret ?? false,
      required: true,
      parse: (raw) => (typeof raw === 'string' && raw !== '' ? { ok: true, value: raw } : fail('a non-empty string')),
    });
  },

  optionalString(description: string, opts: { secret?: boolean } = {}): OptionSpec<string | undefined> {
    return spec<string | undefined>({
      kind: 'string',
      typeLabel: 'string',
      default: undefined,
      description,
      secret: opts.secret ?? false,
      parse: (raw) =>
        raw === null || raw === undefined ? { ok: true, value: undefined } : typeof raw === 'string' ? { ok: true, value: raw } : fail('string'),
    });
  },

  enum<const V extends string>(values: readonly V[], defaultValue: V, description: string): OptionSpec<V> {
    const label = `one of ${values.join(', ')}`;
    return spec({
      kind: 'enum',
      typeLabel: label,
      default: defaultValue,
      description,
      // Numbers too: `qos: 1` in YAML is a number, and the choices are its spellings.
      parse: (raw) => {
        const text = typeof raw === 'number' ? String(raw) : raw;
        return typeof text === 'string' && (values as readonly string[]).includes(text) ? { ok: true, value: text as V } : fail(label);
      },
    });
  },

  /** `secret`: items may hold credentials (Diamond's `nick@host:port/password`); each is redacted whole. */
  stringList(defaultValue: readonly string[], description: string, opts: { secret?: boolean } = {}): OptionSpec<string[]> {
    return spec({
      kind: 'string[]',
      typeLabel: 'list of strings',
      default: [...defaultValue],
      description,
      parse: parseStringList,
      secret: opts.secret ?? false,
    });
  },

  /** A list whose items must each be one of `values` (e.g. Diamond's `byte_unit`). */
  enumList<const V extends string>(values: readonly V[], defaultValue: readonly V[], description: string): OptionSpec<V[]> {
    const label = `list of ${values.join(', ')}`;
    return spec({
      kind: 'enum[]',
      typeLabel: label,
      default: [...defaultValue],
      description,
      parse: (raw) => {
        const list = parseStringList(raw);
        if (!list.ok) return fail(label);
        const bad = list.value.find((item) => !(values as readonly string[]).includes(item));
        return bad === undefined ? { ok: true, value: list.value as V[] } : fail(label);
      },
    });
  },

  /**
   * One regular expression, compiled at validation: a pattern that does not compile is a config
   * error naming the key, at `config check` and at start-up, never an error on every run. The
   * value is the pattern text (it crosses to worker threads and prints in `config print` as
   * written); compile it once, in `setup`: `new RegExp(options.match)`.
   */
  regex(defaultValue: string, description: string): OptionSpec<string> {
    const defaultProblem = compileProblem(defaultValue);
    if (defaultProblem) throw new TypeError(`option.regex: the default ${defaultProblem}`);
    return spec({
      kind: 'regex',
      typeLabel: 'regular expression',
      default: defaultValue,
      description,
      parse: (raw) => {
        if (typeof raw !== 'string') return fail('regular expression (a string)');
        const problem = compileProblem(raw);
        return problem ? fail(`a regular expression that compiles (${problem})`) : { ok: true, value: raw };
      },
    });
  },

  /** A list of regular expressions, compiled at validation so a bad pattern fails at start-up. */
  regexList(defaultValue: readonly string[], description: string): OptionSpec<string[]> {
    return spec({
      kind: 'regex[]',
      typeLabel: 'list of regular expressions',
      default: [...defaultValue],
      description,
      parse: (raw) => {
        const list = parseStringList(raw);
        if (!list.ok) return fail('list of regular expressions');
        const bad = list.value.find((pattern) => compileProblem(pattern) !== undefined);
        return bad === undefined ? list : fail(`valid regular expressions (${JSON.stringify(bad)} does not compile)`);
      },
    });
  },

  /**
   * Named entries of one shape (Diamond's `[process]` with a `[[name]]` subsection each): every
   * value is read by `parseEntry`, and a failure names the entry. A `password` (or `token`, ...)
   * inside an entry is redacted by its name.
   */
  mapping<T>(
    defaultValue: Readonly<Record<string, T>>,
    description: string,
    typeLabel: string,
    parseEntry: (raw: unknown) => ParseResult<T>,
  ): OptionSpec<Record<string, T>> {
    return spec({
      kind: 'map',
      typeLabel,
      default: { ...defaultValue },
      description,
      parse: (raw) => {
        if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail(typeLabel);
        const out: Record<string, T> = {};
        for (const [name, value] of Object.entries(raw)) {
          const entry = parseEntry(value);
          if (!entry.ok) return fail(`${typeLabel} (entry ${name}: ${entry.expected})`);
          out[name] = entry.value;
        }
        return { ok: true, value: out };
      },
    });
  },

  /**
   * A free-form string-to-string mapping (tags, labels, headers). `secret`: every value is one
   * (request headers a collector sends); the names stay visible in `config print`.
   */
  stringMap(description: string, opts: { secret?: boolean } = {}): OptionSpec<Record<string, string>> {
    return spec({
      kind: 'map',
      typeLabel: 'mapping of strings',
      default: {},
      description,
      secret: opts.secret ?? false,
      parse: (raw) => {
        if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('mapping of strings');
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(raw)) {
          if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return fail('mapping of strings');
          out[k] = String(v);
        }
        return { ok: true, value: out };
      },
    });
  },
};

/** The result of validating raw options against a schema. */
export interface OptionsValidation<S extends OptionsSchema> {
  value: OptionValues<S>;
  issues: OptionIssue[];
}

/** The defaults of a schema, as a fresh object. */
export function defaultOptions<S extends OptionsSchema>(schema: S): OptionValues<S> {
  const out: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(schema)) out[key] = structuredClone(s.default);
  return out as OptionValues<S>;
}

/**
 * Validates `raw` against `schema`: fills defaults, coerces Diamond-style strings, and reports
 * every unknown key and every bad value (not just the first).
 */
export function validateOptions<S extends OptionsSchema>(schema: S, raw: Readonly<Record<string, unknown>>): OptionsValidation<S> {
  const value = defaultOptions(schema) as Record<string, unknown>;
  const issues: OptionIssue[] = [];
  const known = Object.keys(schema);
  for (const [key, rawValue] of Object.entries(raw)) {
    const s = schema[key];
    if (!s) {
      issues.push({ key, expected: `a known option (${known.length ? known.join(', ') : 'this plugin takes none'})`, found: 'an unknown option' });
      continue;
    }
    const parsed = s.parse(rawValue);
    if (parsed.ok) value[key] = parsed.value;
    // A secret option's value may hold a password: the message says what was wrong, not what it was.
    else issues.push({ key, expected: parsed.expected, found: s.secret ? 'a value not shown (the option is secret)' : describeValue(rawValue) });
  }
  for (const [key, s] of Object.entries(schema)) {
    if (s.required && !(key in raw)) issues.push({ key, expected: 'a value (this option is required)', found: 'nothing' });
  }
  return { value: value as OptionValues<S>, issues };
}

/** Names of the options that hold secrets, for redaction. */
export function secretKeys(schema: OptionsSchema): string[] {
  return Object.entries(schema)
    .filter(([, s]) => s.secret)
    .map(([key]) => key);
}

/**
 * Validates a plugin's options: its schema first, then, when the schema found nothing, the
 * plugin's own `validate` across options. A `validate` that throws is reported as an issue.
 */
export function validatePluginOptions<S extends OptionsSchema>(
  plugin: { options: S; validate?: ((options: OptionValues<S>) => readonly OptionIssue[]) | undefined },
  raw: Readonly<Record<string, unknown>>,
): OptionsValidation<S> {
  const result = validateOptions(plugin.options, raw);
  if (result.issues.length > 0 || !plugin.validate) return result;
  try {
    return { value: result.value, issues: [...plugin.validate(result.value)] };
  } catch (error) {
    return {
      value: result.value,
      issues: [
        { key: '(options)', expected: 'options the plugin accepts', found: `validate() threw: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
}
