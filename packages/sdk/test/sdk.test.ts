import { describe, expect, it } from 'vitest';
import {
  BoundedMap,
  buildMetricPath,
  computeDerivative,
  convertBytes,
  createCatalogueLookup,
  createMetricFilter,
  MAX_COUNTER,
  option,
  redactOptions,
  resolveHostname,
  sanitizePathSegment,
  secretValues,
  validateOptions,
} from '@spinel/sdk';

describe('computeDerivative (Diamond semantics)', () => {
  it('divides the increase by the interval', () => {
    expect(computeDerivative(100, 110, 10)).toBe(1);
  });
  it("treats a decrease as a reset by default (Diamond's max_value=0): that run's rate is 0, not a 64-bit wrap", () => {
    // MariaDB's Memory_used going down, a restarted exporter's _total going from 3000 to 10.
    expect(computeDerivative(3000, 10, 1)).toBe(0);
    expect(computeDerivative(2 ** 40, 2 ** 39, 10)).toBe(0);
  });
  it('treats a decrease as a wrap only for a counter declared 64 bits wide', () => {
    // Doubles near 2^64 are 4096 apart; use representable values.
    const old = 2 ** 64 - 8192;
    expect(computeDerivative(old, 4096, 1, { max: MAX_COUNTER })).toBe(MAX_COUNTER - old + 4096);
    expect(computeDerivative(old, 4096, 1, { max: MAX_COUNTER })).toBeGreaterThan(0);
  });
  it('wraps at a given max', () => {
    expect(computeDerivative(2 ** 32 - 10, 10, 2, { max: 2 ** 32 })).toBe(10);
  });
  it('clamps a negative result to 0 when max is 0 (a reset, not a wrap)', () => {
    expect(computeDerivative(500, 100, 10, { max: 0 })).toBe(0);
  });
  it('keeps a negative result when allowed', () => {
    expect(computeDerivative(500, 100, 10, { max: 0, allowNegative: true })).toBe(-40);
  });
  it('does not divide without a time delta', () => {
    expect(computeDerivative(1, 31, 10, { timeDelta: false })).toBe(30);
  });
});

describe('buildMetricPath', () => {
  const base = { pathPrefix: 'servers', hostname: 'web1', pathSuffix: '', path: 'cpu', name: 'total.user' };
  it("builds Diamond's <prefix>.<host>.<path>.<name>", () => {
    expect(buildMetricPath(base)).toBe('servers.web1.cpu.total.user');
  });
  it('places the suffix after the host', () => {
    expect(buildMetricPath({ ...base, pathSuffix: 'dc1' })).toBe('servers.web1.dc1.cpu.total.user');
  });
  it('drops the host segment when the hostname method is none', () => {
    expect(buildMetricPath({ ...base, hostname: undefined })).toBe('servers.cpu.total.user');
  });
  it('omits the collector segment for path "."', () => {
    expect(buildMetricPath({ ...base, path: '.' })).toBe('servers.web1.total.user');
  });
  it('uses the instance form without host', () => {
    expect(buildMetricPath({ ...base, instance: 'db1', instancePrefix: 'instances' })).toBe('instances.db1.cpu.total.user');
  });
  it('sanitizes free-form segments', () => {
    expect(sanitizePathSegment('/var/lib docker')).toBe('_var_lib_docker');
  });
});

describe('resolveHostname', () => {
  const facts = { hostname: 'web1.example.com', fqdn: 'web1.prod.example.com' };
  it.each([
    ['smart', 'web1'],
    ['fqdn', 'web1.prod.example.com'],
    ['fqdn_short', 'web1'],
    ['fqdn_rev', 'com.example.prod.web1'],
    ['hostname', 'web1.example.com'],
    ['hostname_short', 'web1'],
    ['hostname_rev', 'com.example.web1'],
    ['uname_short', 'web1'],
    ['none', undefined],
  ] as const)('%s gives %s', (method, expected) => {
    expect(resolveHostname(method, facts)).toBe(expected);
  });
  it('smart falls back to the short hostname when the fqdn is localhost', () => {
    expect(resolveHostname('smart', { hostname: 'box.lan', fqdn: 'localhost.localdomain' })).toBe('box');
  });
});

describe('createMetricFilter', () => {
  it('whitelist matches at the start of the name, like re.match', () => {
    const accept = createMetricFilter(['total\\.'], []);
    expect(accept('total.user')).toBe(true);
    expect(accept('cpu0.user')).toBe(false);
    expect(accept('x.total.user')).toBe(false);
  });
  it('blacklist drops matches and is ignored when a whitelist is set', () => {
    expect(createMetricFilter([], ['cpu\\d+'])('cpu3.idle')).toBe(false);
    expect(createMetricFilter([], ['cpu\\d+'])('total.idle')).toBe(true);
    expect(createMetricFilter(['cpu'], ['cpu'])('cpu3.idle')).toBe(true);
  });
});

describe('validateOptions', () => {
  const schema = {
    percore: option.boolean(true, 'x'),
    interval: option.number(10, 'x', { min: 1 }),
    byte_unit: option.enumList(['byte', 'kilobyte'], ['byte'], 'x'),
    mode: option.enum(['a', 'b'], 'a', 'x'),
    patterns: option.regexList([], 'x'),
  };
  it('fills defaults and coerces Diamond-style strings', () => {
    const { value, issues } = validateOptions(schema, { percore: 'False', interval: '5', byte_unit: 'kilobyte, byte' });
    expect(issues).toEqual([]);
    expect(value).toEqual({ percore: false, interval: 5, byte_unit: ['kilobyte', 'byte'], mode: 'a', patterns: [] });
  });
  it('reports every bad value and unknown key with expected and found', () => {
    const { issues } = validateOptions(schema, { percore: 'maybe', interval: 0, mode: 'c', colour: 1, patterns: ['('] });
    expect(issues).toEqual([
      { key: 'percore', expected: 'boolean (true or false)', found: '"maybe"' },
      { key: 'interval', expected: 'number >= 1', found: 'number 0' },
      { key: 'mode', expected: 'one of a, b', found: '"c"' },
      { key: 'colour', expected: expect.stringContaining('a known option (percore, interval'), found: 'an unknown option' },
      { key: 'patterns', expected: 'valid regular expressions ("(" does not compile)', found: 'a list (1 items)' },
    ]);
  });
  it('option.regex: one pattern, compiled when the config is validated; a bad one is an issue naming the key', () => {
    const single = { match: option.regex('^eth', 'x') };
    expect(validateOptions(single, {}).value).toEqual({ match: '^eth' });
    expect(validateOptions(single, { match: 'wl.+' })).toEqual({ value: { match: 'wl.+' }, issues: [] });
    expect(validateOptions(single, { match: 'a(b' }).issues).toEqual([
      { key: 'match', expected: 'a regular expression that compiles ("a(b": /a(b/: Unterminated group)', found: '"a(b"' },
    ]);
    expect(validateOptions(single, { match: 5 }).issues[0]).toMatchObject({ key: 'match', expected: 'regular expression (a string)' });
    expect(() => option.regex('[', 'x')).toThrow('option.regex: the default "[": /[/: Unterminated character class');
  });
  it('marks every string-like option declared secret, and never echoes its bad value', () => {
    const secrets = {
      plain: option.string('', 'x', { secret: true }),
      required: option.requiredString('x', { secret: true }),
      optional: option.optionalString('x', { secret: true }),
      list: option.stringList([], 'x', { secret: true }),
    };
    expect(Object.values(secrets).map((spec) => spec.secret)).toEqual([true, true, true, true]);
    expect(option.optionalString('x').secret).toBe(false);
    const { issues } = validateOptions(secrets, { plain: ['hunter22'], required: 'pw', optional: { password: 'hunter22' } });
    expect(issues.map((i) => i.found)).toEqual(['a value not shown (the option is secret)', 'a value not shown (the option is secret)']);
  });
});

describe('catalogue lookup', () => {
  const lookup = createCatalogueLookup([
    { name: '{cpu}.user', type: 'rate', unit: 'x', description: 'x' },
    { name: 'percent', type: 'gauge', unit: 'x', description: 'x' },
    { name: '{iface*}.rx', type: 'rate', unit: 'x', description: 'x' },
  ]);
  it('matches placeholders to one segment and starred ones to several', () => {
    expect(lookup('cpu0.user')?.type).toBe('rate');
    expect(lookup('percent')?.type).toBe('gauge');
    expect(lookup('a.b.user')).toBeUndefined();
    expect(lookup('br.lxc.rx')?.name).toBe('{iface*}.rx');
  });
});

describe('convertBytes', () => {
  it('uses powers of 1024 and 8 bits per byte', () => {
    expect(convertBytes(1, 'kilobyte', 'byte')).toBe(1024);
    expect(convertBytes(1, 'byte', 'bit')).toBe(8);
    expect(convertBytes(3 * 1024 ** 2, 'byte', 'megabyte')).toBe(3);
  });
});

describe('BoundedMap', () => {
  it('evicts the least recently written entry past the cap, and counts it', () => {
    const map = new BoundedMap<string, number>({ maxEntries: 2, ttlMs: 0 });
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect([...map.keys()]).toEqual(['a', 'c']);
    expect(map.evictions).toBe(1);
  });
  it('expires entries after the TTL', () => {
    let now = 0;
    const map = new BoundedMap<string, number>({ maxEntries: 10, ttlMs: 100, now: () => now });
    map.set('a', 1);
    now = 50;
    map.set('b', 2);
    now = 120;
    expect(map.get('a')).toBeUndefined();
    expect(map.get('b')).toBe(2);
    now = 1000;
    map.set('c', 3);
    expect(map.size).toBe(1);
  });
  it('stays at its cap under endless new keys', () => {
    const map = new BoundedMap<string, number>({ maxEntries: 1000, ttlMs: 0 });
    for (let i = 0; i < 100_000; i++) map.set(`series.${i}`, i);
    expect(map.size).toBe(1000);
  });
});

describe('a secret string map (request headers)', () => {
  const options = { url: 'http://h/stats', headers: { 'X-Custom-Auth': 'c0ffee-1234', Accept: 'application/json' } };
  it('config print keeps the names and hides every value, whatever the name', () => {
    expect(redactOptions(options, ['headers'])).toEqual({ url: 'http://h/stats', headers: { 'X-Custom-Auth': '<redacted>', Accept: '<redacted>' } });
  });
  it('every value is scrubbed from messages', () => {
    expect(secretValues(options, ['headers'])).toEqual(expect.arrayContaining(['c0ffee-1234', 'application/json']));
    expect(secretValues(options, [])).not.toContain('c0ffee-1234');
  });
});
