// One redaction model for `config print`, logs, errors and telemetry. What counts as a secret:
// - the value of an option declared `secret`, or whose name says so (password, token, api_key...);
// - the value of a header (or any string-map entry) whose name says so: authorization,
//   proxy-authorization, cookie, and anything containing key, token, secret, password;
// - the password in a URL's userinfo (or the whole userinfo when it is a single token);
// - the value of a URL query parameter whose name says so (`?api_key=...`).
// Structured output (`config print`) replaces those in place. Free text (log lines, error
// messages, quoted response bodies) is scrubbed of every such value found in the config, of
// `base64(user:password)` (what a Basic Authorization header carries) for each user name next to
// it, and of sensitive query values and Authorization header values it shows.

/** What replaces a secret. */
export const REDACTED = '<redacted>';

/** Secrets shorter than this are not scrubbed from free text: they would match everywhere. */
export const MIN_SCRUBBED_LENGTH = 4;

const SENSITIVE = /authorization|cookie|key|token|secret|passw|^pass$|_pass$|pwd|credential|signature/i;
/** Options that name a file holding a secret (a TLS key), not the secret itself. */
const FILE_OPTION = /^(key|tls_key|ssl_key|key_file)$/i;
const USER_NAME = /^(user(_?name)?|login|account)$/i;
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;
const QUERY_PARAMETER = /([?&;])([^=&;#\s]+)=([^&;#\s"'<>]*)/g;
// The scheme word is never taken for the value: after a secret was already replaced
// (`Basic <redacted>`), `Basic` itself would be, and the marker doubled.
const AUTHORIZATION_IN_TEXT =
  /(authorization["']?\s*[:=]\s*["']?(?:(?:basic|bearer|token|digest)\s+)?)(?!(?:basic|bearer|token|digest)\b)([A-Za-z0-9+/=._~-]{4,})/gi;

/** True for a header, option or query parameter name that holds a secret. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE.test(name);
}

/** A URL with its userinfo password (or single-token userinfo) and sensitive query values replaced; other text unchanged. */
export function redactUrl(text: string): string {
  if (!URL_START.test(text)) return text;
  let out = text.replace(USERINFO, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon < 0 ? `${scheme}${REDACTED}@` : `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@`;
  });
  out = out.replace(QUERY_PARAMETER, (all, sep: string, name: string) => (isSensitiveName(decodeSafe(name)) ? `${sep}${name}=${REDACTED}` : all));
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The secret parts of one URL: userinfo and sensitive query values, raw and decoded; the user name. */
function urlSecrets(text: string, into: Set<string>, users: Set<string>): void {
  if (!URL_START.test(text)) return;
  const userinfo = USERINFO.exec(text)?.[2];
  if (userinfo) {
    const colon = userinfo.indexOf(':');
    const secret = colon < 0 ? userinfo : userinfo.slice(colon + 1);
    if (colon >= 0) users.add(decodeSafe(userinfo.slice(0, colon)));
    into.add(secret);
    into.add(decodeSafe(secret));
  }
  for (const match of text.matchAll(QUERY_PARAMETER)) {
    const [, , name = '', value = ''] = match;
    if (isSensitiveName(decodeSafe(name))) {
      into.add(value);
      into.add(decodeSafe(value));
    }
  }
}

/** A header value's credential without its scheme: `Basic abc` also yields `abc`. */
function withoutScheme(value: string): string | undefined {
  const match = /^(?:basic|bearer|token|digest|apikey)\s+(\S+)$/i.exec(value.trim());
  return match?.[1];
}

function addValue(value: string, into: Set<string>): void {
  into.add(value);
  const credential = withoutScheme(value);
  if (credential) into.add(credential);
}

/**
 * Every secret value in one plugin entry's options (see the model above), including
 * `base64(user:secret)` for each user name among the options or in a URL.
 */
export function secretValues(options: Readonly<Record<string, unknown>>, secretKeys: Iterable<string>): string[] {
  const declared = new Set(secretKeys);
  const found = new Set<string>();
  const users = new Set<string>();
  const visit = (key: string, value: unknown): void => {
    if (typeof value === 'string') {
      if (declared.has(key) || (isSensitiveName(key) && !FILE_OPTION.test(key))) addValue(value, found);
      else if (USER_NAME.test(key)) users.add(value);
      urlSecrets(value, found, users);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(key, item);
    } else if (value !== null && typeof value === 'object') {
      for (const [inner, v] of Object.entries(value)) {
        // A mapping declared secret (header values) holds secrets under any name.
        if (typeof v === 'string' && (declared.has(key) || isSensitiveName(inner))) addValue(v, found);
        else visit(inner, v);
      }
    }
  };
  for (const [key, value] of Object.entries(options)) visit(key, value);
  for (const user of users) for (const secret of [...found]) found.add(Buffer.from(`${user}:${secret}`).toString('base64'));
  return [...found].filter((s) => s.length >= MIN_SCRUBBED_LENGTH);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A copy of an options object with secrets replaced by {@link REDACTED}, for display. */
export function redactOptions(options: Readonly<Record<string, unknown>>, secretKeys: Iterable<string>): Record<string, unknown> {
  const declared = new Set(secretKeys);
  const redactValue = (key: string, value: unknown): unknown => {
    if (value === undefined || value === '') return value;
    // A secret mapping keeps its names visible: `headers: { X-Api-Key: <redacted> }`.
    if (declared.has(key) && isPlainObject(value)) return Object.fromEntries(Object.keys(value).map((name) => [name, REDACTED]));
    if (declared.has(key) || (isSensitiveName(key) && !FILE_OPTION.test(key))) return REDACTED;
    if (typeof value === 'string') return redactUrl(value);
    if (Array.isArray(value)) return value.map((item) => redactValue(key, item));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(k, v)]));
    return value;
  };
  return Object.fromEntries(Object.entries(options).map(([key, value]) => [key, redactValue(key, value)]));
}

/**
 * A function that scrubs free text: every given secret (longest first), sensitive query values
 * and Authorization header values are replaced by {@link REDACTED}.
 */
export function createScrubber(secrets: Iterable<string>): (text: string) => string {
  const ordered = [...new Set(secrets)].filter((s) => s.length >= MIN_SCRUBBED_LENGTH).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    out = out.replace(QUERY_PARAMETER, (all, sep: string, name: string) => (isSensitiveName(decodeSafe(name)) ? `${sep}${name}=${REDACTED}` : all));
    return out.replace(AUTHORIZATION_IN_TEXT, (_all, head: string) => `${head}${REDACTED}`);
  };
}
