// Diamond's ConfigObj format, as `spinel config import` reads it.
import { describe, expect, it } from 'vitest';
import { parseConfigObj, type ConfigObjSection } from '../src/import/configobj.js';

const plain = (s: ConfigObjSection): unknown => ({
  ...Object.fromEntries([...s.values].map(([k, v]) => [k, v.value])),
  ...Object.fromEntries([...s.sections].map(([k, v]) => [`[${k}]`, plain(v)])),
});

describe('ConfigObj', () => {
  it('reads nested sections, bare and quoted values, lists and comments', () => {
    const parsed = parseConfigObj(
      [
        '# a Diamond config',
        '[server]',
        'handlers = diamond.handler.graphite.GraphiteHandler, diamond.handler.archive.ArchiveHandler',
        'user =',
        '[handlers]',
        '[[GraphiteHandler]]',
        'host = 127.0.0.1   # carbon',
        "prefix = 'a, b # not a comment'",
        'single = one,',
        '[collectors]',
        '[[default]]',
        'interval = 10',
        '[[NetworkCollector]]',
        'interfaces = "eth", bond',
        '[[[extra]]]',
        'x = """triple"""',
      ].join('\n'),
      'diamond.conf',
    );
    expect(plain(parsed)).toEqual({
      '[server]': { handlers: ['diamond.handler.graphite.GraphiteHandler', 'diamond.handler.archive.ArchiveHandler'], user: '' },
      '[handlers]': { '[GraphiteHandler]': { host: '127.0.0.1', prefix: 'a, b # not a comment', single: ['one'] } },
      '[collectors]': { '[default]': { interval: '10' }, '[NetworkCollector]': { interfaces: ['eth', 'bond'], '[extra]': { x: 'triple' } } },
    });
    expect(parsed.sections.get('handlers')?.sections.get('GraphiteHandler')?.values.get('host')?.line).toBe(7);
  });

  it("reads Python logging's tuples as ConfigObj does: a list of strings, parentheses and quotes kept", () => {
    const parsed = parseConfigObj("[handler_rotated_file]\nargs = ('/var/log/diamond/diamond.log', 'midnight', 1, 7)\n", 'diamond.conf');
    expect(plain(parsed)).toEqual({ '[handler_rotated_file]': { args: ["('/var/log/diamond/diamond.log'", 'midnight', '1', '7)'] } });
  });

  it('names the file and line of what it cannot read', () => {
    expect(() => parseConfigObj('[a]\n[[[b]]]\n', 'd.conf')).toThrow('d.conf:2: section [[[b]]] is 3 levels deep, but the section before it is 1 deep');
    expect(() => parseConfigObj('[a]\nthis is not a setting\n', 'd.conf')).toThrow(
      'd.conf:2: expected `key = value` or a [section], found: this is not a setting',
    );
    expect(() => parseConfigObj('[a]\nx = 1\nx = 2\n', 'd.conf')).toThrow('d.conf:3: x is set twice in [a]');
    expect(() => parseConfigObj("[a]\nx = 'open\n", 'd.conf')).toThrow(
      "d.conf:2: a value ConfigObj cannot read (a quote left open, text after a closing quote, or an empty list item): 'open",
    );
    expect(() => parseConfigObj('a = "x" y\nb = 1\nc d\n', 'd.conf')).toThrow('d.conf:1: a value ConfigObj cannot read');
    expect(() => parseConfigObj('a = "x" y\nb = 1\nc d\n', 'd.conf')).toThrow('(and 1 more error after it)');
    expect(() => parseConfigObj(new Uint8Array([0x61, 0x3d, 0xff, 0x0a]), 'd.conf')).toThrow('d.conf:1: this line is not valid UTF-8');
    expect(() => parseConfigObj('[a]]\n', 'd.conf')).toThrow('d.conf:1: a section header needs as many ] as [');
  });
});
