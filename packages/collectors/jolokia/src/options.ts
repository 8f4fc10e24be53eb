import { option, type OptionSpec, type ParseResult } from '@spinel/sdk';

/** Diamond's pipe-delimited lists (`mbeans`, `domains`): a string is split on `|` (never on commas, which MBean names hold), a list taken as it is. */
function pipeList(description: string): OptionSpec<string[]> {
  const expected = 'a list of strings, or one string of items separated by |';
  return {
    kind: 'string[]',
    typeLabel: 'list of strings (or a |-separated string)',
    default: [],
    description,
    secret: false,
    parse(raw): ParseResult<string[]> {
      if (raw === undefined || raw === null) return { ok: true, value: [] };
      if (typeof raw === 'string')
        return {
          ok: true,
          value: raw
            .split('|')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        };
      if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return { ok: true, value: raw.map((s) => s.trim()) };
      return { ok: false, expected };
    },
  };
}

function parseRewrite(raw: unknown): ParseResult<string> {
  if (typeof raw !== 'string') return { ok: false, expected: 'a replacement string (empty drops the figure)' };
  return { ok: true, value: raw };
}

export const NAMINGS = ['diamond', 'metricly'] as const;

// Diamond's JolokiaCollector options, the Metricly fork's naming, and the bounds both lacked.
export const options = {
  host: option.string('localhost', 'Host of the Jolokia agent.'),
  port: option.number(8778, 'Its port.', { min: 1, max: 65535, integer: true }),
  jolokia_path: option.string(
    'jolokia',
    "Jolokia's path on the server (Diamond's default is the collector's `path`, `jolokia`; `spinel config import` sets it from `path` when a config sets only that).",
  ),
  username: option.string('', 'User for Basic auth; sent only with a password.'),
  password: option.string('', 'Its password.', { secret: true }),
  mbeans: pipeList(
    'MBeans to read, as regular expressions matched at the start of the raw name (`java.lang:type=Memory`) or of the published one (`java.lang.type_Memory`); empty reads every MBean. Diamond always matched them so, whatever `regex` said.',
  ),
  regex: option.boolean(false, 'Accepted for Diamond configs; `mbeans` are regular expressions either way (as in Diamond).'),
  domains: pipeList('JMX domains to read; empty asks the agent for its list once (management domains such as JMImplementation and jolokia are never read).'),
  rewrite: option.mapping<string>(
    {},
    'Pairs of regular expression and replacement applied, in order, to each published name after the built-in clean-up; a name rewritten to nothing is not published.',
    'mapping of regular expression to replacement',
    parseRewrite,
  ),
  use_canonical_names: option.boolean(true, "Ask for MBean names with their keys sorted (Jolokia's canonicalNaming)."),
  naming: option.enum(
    NAMINGS,
    'diamond',
    "How an MBean attribute becomes a name: `diamond` (`java.lang.name_ParNew.type_GarbageCollector.CollectionCount`) or `metricly`, the Metricly fork's (`java.lang.GarbageCollector.ParNewCollectionCount`). `spinel config import` picks `metricly` for a Metricly agent's config.",
  ),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
  max_response_mb: option.number(16, "Largest answer read (a domain's read of every MBean is the large one); a larger one fails the run.", { min: 0.001 }),
};
