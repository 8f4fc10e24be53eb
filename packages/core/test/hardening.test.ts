import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CollectorRunner,
  decodeBatch,
  decodeSpoolFile,
  encodeBatch,
  encodeSpoolFile,
  HandlerQueue,
  makeDir,
  MemoryBuffer,
  parseConfig,
  RateLimitedLog,
  RssGuard,
  MemoryAccount,
  GrowthWatch,
  DescriptorGuard,
  Telemetry,
  UndeclaredNames,
  type EncodedBatch,
  type HandlerTarget,
  type QueuePolicy,
  type SampleInput,
} from '@spinel/core';
import {
  createScrubber,
  defineCollector,
  normalizeDimensions,
  normalizeName,
  normalizePathName,
  pathNameProblem,
  plaintextLine,
  redactOptions,
  secretValues,
  type Logger,
} from '@spinel/sdk';

// Issue 11's defects at the unit level: spool failures, names, fair shedding, log rate limits,
// redaction, config parsing limits and the RSS bound. The agent-level tests are in apps/agent.

interface Log extends Logger {
  lines: string[];
}
function captureLogger(): Log {
  const lines: string[] = [];
  const at = (message: string, fields?: Record<string, unknown>) => void lines.push(fields ? `${message} ${JSON.stringify(fields)}` : message);
  return { lines, debug: at, info: at, warn: at, error: at };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spinel-hardening-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function run(collector: string, first: number, n: number): EncodedBatch {
  return encodeBatch(
    collector,
    'h',
    Array.from({ length: n }, (_, i) => ({
      path: `p.${collector}.m${first + i}`,
      name: `m${first + i}`,
      value: first + i,
      timestamp: 1_700_000_000,
      type: 'gauge' as const,
      precision: 0,
      dimensions: undefined,
    })),
  );
}

function policy(overrides: Partial<QueuePolicy> = {}): QueuePolicy {
  return {
    maxSamples: 100_000,
    maxBytes: 64 * 1024 * 1024,
    overflow: 'drop_oldest',
    retryInitialMs: 10,
    retryMaxMs: 40,
    batchSize: 1000,
    flushIntervalMs: 0,
    ...overrides,
  };
}

/** A backend that is down until `up` is set. */
class Backend implements HandlerTarget {
  isReady = true;
  up = false;
  readonly accepted: number[] = [];
  async deliver(_handler: string, batches: readonly EncodedBatch[]) {
    const count = batches.reduce((sum, b) => sum + b.count, 0);
    if (!this.up) return { count, durationMs: 0, error: { name: 'Error', message: 'connection refused', code: undefined } };
    for (const batch of batches) this.accepted.push(...batch.values);
    return { count, durationMs: 0, error: undefined };
  }
}

const until = async (check: () => boolean, what: string): Promise<void> => {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('a spool the disk refuses', () => {
  it('keeps batches in bounded memory, counts spool_errors and logs the directory and errno once', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-file'), '');
    // A spool folder under a regular file: mkdir fails with ENOTDIR, as root too.
    const spoolDir = join(dir, 'a-file', 'spool');
    const backend = new Backend();
    const telemetry = new Telemetry();
    const log = captureLogger();
    const queue = new HandlerQueue(
      'h',
      backend,
      policy({ maxSamples: 50, spool: { dir: spoolDir, maxBytes: 1 << 20 } }),
      telemetry.handler('h'),
      new RateLimitedLog(log),
    );
    for (let i = 0; i < 10; i++) queue.push(run('c', i * 10, 10));
    await until(() => telemetry.handler('h').retries >= 2, 'retries');
    const stats = telemetry.handler('h');
    expect(stats.spool_errors).toBe(1); // opened once, then left alone for SPOOL_RETRY_MS
    expect(stats.spooled).toBe(0);
    expect(stats.queue_length).toBeLessThanOrEqual(50);
    expect(stats.dropped).toBe(100 - 10 - stats.queue_length); // the pending batch is held apart
    const spoolLines = log.lines.filter((l) => l.includes('cannot open its spool'));
    expect(spoolLines).toHaveLength(1);
    expect(spoolLines[0]).toContain(spoolDir);
    expect(spoolLines[0]).toContain('"errno":"ENOTDIR"');
    const held = stats.queue_length;
    backend.up = true;
    await until(() => backend.accepted.length === 10 + held, 'delivery after recovery');
    queue.stop();
  });

  it("refuses a symbolic link or another user's folder as its spool folder, and brings a 0777 one back to 0700", () => {
    const dir = tempDir();
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const linked = join(dir, 'linked');
    symlinkSync(elsewhere, linked);
    const log = captureLogger();
    const telemetry = new Telemetry();
    new HandlerQueue('h', new Backend(), policy({ spool: { dir: linked, maxBytes: 1 << 20 } }), telemetry.handler('h'), new RateLimitedLog(log)).stop();
    expect(telemetry.handler('h').spool_errors).toBe(1);
    expect(log.lines.find((l) => l.includes('cannot open its spool'))).toContain(`spool folder ${linked} is a symbolic link; the spool will not use it`);
    expect(readdirSync(elsewhere)).toEqual([]);
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    new HandlerQueue(
      'h',
      new Backend(),
      policy({ spool: { dir: open, maxBytes: 1 << 20 } }),
      new Telemetry().handler('h'),
      new RateLimitedLog(captureLogger()),
    ).stop();
    expect(statSync(open).mode & 0o777).toBe(0o700);
    const theirs = join(dir, 'theirs');
    mkdirSync(theirs);
    chownSync(theirs, 65534, 65534);
    expect(() => makeDir(theirs)).toThrow(`spool folder ${theirs} belongs to another user (uid 65534); the spool will not use it`);
  });

  it('removes temporary files left by a cut-short write when it opens', () => {
    const dir = tempDir();
    const spoolDir = join(dir, 'h');
    const first = new HandlerQueue(
      'h',
      new Backend(),
      policy({ spool: { dir: spoolDir, maxBytes: 1 << 20 } }),
      new Telemetry().handler('h'),
      new RateLimitedLog(captureLogger()),
    );
    first.stop();
    writeFileSync(join(spoolDir, '5000000000000000-10.batch.tmp'), '');
    new HandlerQueue(
      'h',
      new Backend(),
      policy({ spool: { dir: spoolDir, maxBytes: 1 << 20 } }),
      new Telemetry().handler('h'),
      new RateLimitedLog(captureLogger()),
    ).stop();
    expect(readdirSync(spoolDir)).toEqual([]);
  });
});

describe('fair shedding', () => {
  it('drops from the collector holding most of the queue, never from a small one', () => {
    const buffer = new MemoryBuffer();
    for (let run = 0; run < 5; run++) {
      buffer.add(runOf('cpu', 20));
      for (let chunk = 0; chunk < 10; chunk++) buffer.add(runOf('flood', 1000));
      buffer.shed(3000, 1 << 30, 'drop_oldest');
    }
    const held = buffer.takeAll();
    expect(held.filter((b) => b.collectorPath === 'cpu').map((b) => b.count)).toEqual([20, 20, 20, 20, 20]);
    expect(held.filter((b) => b.collectorPath === 'flood')).toHaveLength(2);
  });

  it('keeps every run of a small collector beside a flooder in a handler queue', async () => {
    const backend = new Backend();
    const telemetry = new Telemetry();
    const queue = new HandlerQueue('h', backend, policy({ maxSamples: 10_000 }), telemetry.handler('h'), new RateLimitedLog(captureLogger()));
    for (let r = 0; r < 3; r++) {
      queue.push(run('cpu', r * 1000, 10));
      for (let chunk = 0; chunk < 100; chunk++) queue.push(run('flood', chunk, 1000));
    }
    backend.up = true;
    queue.pump();
    await until(() => telemetry.handler('h').queue_length === 0, 'drain');
    const cpuValues = backend.accepted.filter((v) => v % 1000 < 10 && v < 3000 && v >= 0);
    expect(backend.accepted.length).toBeLessThanOrEqual(10_000 + 1000 + 30);
    for (const first of [0, 1000, 2000]) for (let i = 0; i < 10; i++) expect(cpuValues).toContain(first + i);
    expect(telemetry.handler('h').dropped).toBeGreaterThan(250_000);
    queue.stop();
  });
});

function runOf(collector: string, n: number): EncodedBatch {
  return run(collector, 0, n);
}

describe('names', () => {
  it('refuses control characters and replaces whitespace in names, keeps it in dimension values', () => {
    expect(normalizeName('a b\u00a0c')).toBe('a_b_c');
    expect(normalizeName('evil\nservers.injected.metric 666 1')).toBeUndefined();
    expect(normalizeName('x\u001ey')).toBeUndefined();
    expect(normalizeName('x\u0085y')).toBeUndefined();
    expect(normalizeName('x\ud800')).toBeUndefined();
    expect(normalizeName('')).toBeUndefined();
    expect(normalizeName('ok.name-1')).toBe('ok.name-1');
    expect(normalizeDimensions({ 'a key': 'a value' })).toEqual({ a_key: 'a value' });
    expect(normalizeDimensions({ k: 'v\u001f' })).toBeNull();
    expect(normalizeDimensions({})).toBeUndefined();
    // found by the property test below: this key becomes `__proto__`, which would set a prototype
    expect(normalizeDimensions(JSON.parse('{"  proto  ": "x"}') as Record<string, string>)).toBeNull();
    expect(normalizeDimensions(JSON.parse('{"__proto__": "x"}') as Record<string, string>)).toBeNull();
  });

  it('metric names and instances never carry a slash or an empty path segment (a statsd key ../../etc/x)', () => {
    expect(normalizePathName('statsd.../../etc/x')).toBe('statsd._._etc_x');
    expect(normalizePathName('a.b..c')).toBe('a.b.c');
    expect(normalizePathName('.leading.and.trailing.')).toBe('leading.and.trailing');
    expect(normalizePathName('back\\slash')).toBe('back_slash');
    expect(normalizePathName('...')).toBeUndefined();
    expect(normalizePathName('ok.name-1')).toBe('ok.name-1');
    expect(pathNameProblem('...')).toBe('has no path segment once dots and slashes are cleaned');
  });

  it('a collector publishing forged names gets them refused and counted, the rest published', async () => {
    const published: SampleInput[] = [];
    const log = captureLogger();
    const definition = defineCollector({
      name: 'forger',
      description: '',
      path: 'forger',
      options: {},
      catalogue: [],
      collect(ctx) {
        ctx.publish('evil\nservers.injected.metric 666 1', 1);
        ctx.publish('shift\u001eservers.other.host', 2);
        ctx.publish('ok', 3, { dimensions: { bad: 'x\u001fy' } });
        ctx.publish('with space', 4);
        ctx.publish('../../etc/x..y', 5);
        ctx.publish('..', 6);
      },
    });
    const runner = new CollectorRunner(
      definition,
      {} as never,
      {
        instance: 'forger',
        collectorPath: 'forger',
        pathPrefix: 'servers',
        pathSuffix: '',
        hostname: 'h',
        instancePrefix: 'instances',
        interval: 1,
        timeout: 1,
        metricsWhitelist: [],
        metricsBlacklist: [],
        measureCollectorTime: false,
        maxSeriesState: 10,
        seriesStateTtl: 3600,
      },
      { clock: () => 1_700_000_000, hostPaths: { procfs: () => '', sysfs: () => '', etcfs: () => '' }, log },
    );
    const result = await runner.run((s) => published.push(s));
    expect(result.rejected).toBe(4);
    expect(published.map((s) => s.path)).toEqual(['servers.h.forger.with_space', 'servers.h.forger._._etc_x.y']);
    const refusals = log.lines.filter((line) => line.startsWith('refused a sample'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain('"evil\\nservers.injected.metric 666 1"');
  });

  it('a name the catalogue does not declare is warned about once per name, at most once a minute', () => {
    const log = captureLogger();
    let now = 0;
    const names = new UndeclaredNames(
      [
        { name: 'known', type: 'gauge', unit: 'x', description: '' },
        { name: 'cpu{n}.user', type: 'rate', unit: 'x', description: '' },
      ],
      'mine',
      log,
      () => now,
    );
    for (let run = 0; run < 5; run++) for (const name of ['known', 'cpu0.user', 'cpu7.user', 'stray', 'other']) names.check(name);
    expect(log.lines).toEqual([expect.stringMatching(/^collector mine published "?stray"?, which its catalogue does not declare .*, 1 so far$/)]);
    now += 60_000;
    for (const name of ['stray', 'other', 'known']) names.check(name);
    expect(log.lines).toHaveLength(2);
    expect(log.lines[1]).toMatch(/published "?other"?, .*2 so far$/);
    now += 600_000;
    for (const name of ['stray', 'other']) names.check(name);
    expect(log.lines).toHaveLength(2);
  });

  it('the runner warns about an undeclared name at run time, not only plugin check', async () => {
    const log = captureLogger();
    const definition = defineCollector({
      name: 'sloppy',
      description: '',
      path: 'sloppy',
      options: {},
      catalogue: [{ name: 'declared', type: 'gauge', unit: 'x', description: '' }],
      collect(ctx) {
        ctx.publish('declared', 1);
        ctx.publish('surprise', 2);
      },
    });
    const runner = new CollectorRunner(
      definition,
      {} as never,
      {
        instance: 'sloppy',
        collectorPath: 'sloppy',
        pathPrefix: 'servers',
        pathSuffix: '',
        hostname: 'h',
        instancePrefix: 'instances',
        interval: 1,
        timeout: 1,
        metricsWhitelist: [],
        metricsBlacklist: [],
        measureCollectorTime: true,
        maxSeriesState: 10,
        seriesStateTtl: 3600,
      },
      { clock: () => 1_700_000_000, hostPaths: { procfs: () => '', sysfs: () => '', etcfs: () => '' }, log },
    );
    const published: SampleInput[] = [];
    for (let run = 0; run < 3; run++) await runner.run((s) => published.push(s));
    expect(published.filter((s) => s.name === 'surprise')).toHaveLength(3);
    expect(log.lines).toEqual([expect.stringMatching(/^collector \S+ published "?surprise"?, which its catalogue does not declare/)]);
  });

  it('the batch codec and the spool round-trip every accepted name and dimension exactly', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: text,
            dims: fc.dictionary(text, fc.string({ unit: 'grapheme', maxLength: 12 }), { maxKeys: 3 }),
            value: fc.double({ noNaN: true }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (records) => {
          const accepted = records.flatMap((r) => {
            const name = normalizeName(r.name);
            const dimensions = normalizeDimensions(r.dims);
            return name === undefined || dimensions === null ? [] : [{ name, dimensions, value: r.value }];
          });
          const inputs = accepted.map((a) => ({
            path: `servers.h.c.${a.name}`,
            name: a.name,
            value: a.value,
            timestamp: 1,
            type: 'gauge' as const,
            precision: 0,
            dimensions: a.dimensions,
          }));
          const batch = encodeBatch('c', 'h', inputs);
          for (const decoded of [decodeBatch(batch), decodeBatch(decodeSpoolFile(encodeSpoolFile(batch)))]) {
            expect(decoded.map((s) => [s.name, s.path, s.dimensions, s.value])).toEqual(inputs.map((s) => [s.name, s.path, s.dimensions, s.value]));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('plaintext refuses a line break as the last defence', () => {
    expect(() => plaintextLine({ path: 'a\nservers.x 1 1', value: 1, precision: 0, timestamp: 1 })).toThrow(
      /refusing a plaintext line for path "a\\nservers.x 1 1"/,
    );
  });
});

describe('the rate-limited log', () => {
  it('logs the first failure with its stack, then "still failing: N times since"', () => {
    let now = 0;
    const log = captureLogger();
    const errors = new RateLimitedLog(log, 60_000, () => now);
    errors.error('k', 'collector x failed: boom', { stack: 'Error: boom\n    at x' });
    for (let i = 0; i < 5; i++) errors.error('k', 'collector x failed: boom', { stack: 'Error: boom\n    at x' });
    now = 61_000;
    errors.error('k', 'collector x failed: boom', { stack: 'Error: boom\n    at x' });
    expect(log.lines).toHaveLength(2);
    expect(log.lines[0]).toContain('at x');
    expect(log.lines[1]).toMatch(/collector x failed: boom \(still failing: 7 times since 1970-01-01T00:00:00.000Z\)/);
    expect(log.lines[1]).not.toContain('at x');
  });
});

describe('redaction', () => {
  const options = {
    url: 'https://alice:s3cr3t-pw@metrics.example/ingest?db=x&api_key=KEY-123456',
    headers: { Authorization: 'Bearer tok-abcdef', 'X-Api-Key': 'xkey-98765', 'X-Tenant': 'blue' },
    username: 'bob',
    password: 'hunter22',
    timeout: 5,
  };

  it('config print shows no header secret, URL password or sensitive query value', () => {
    const shown = JSON.stringify(redactOptions(options, ['password']));
    for (const secret of ['s3cr3t-pw', 'KEY-123456', 'tok-abcdef', 'xkey-98765', 'hunter22']) expect(shown).not.toContain(secret);
    expect(shown).toContain('alice:<redacted>@metrics.example');
    expect(shown).toContain('db=x');
    expect(shown).toContain('"X-Tenant":"blue"');
  });

  it('scrubs configured secrets and their Basic-auth base64 from free text', () => {
    const scrub = createScrubber(secretValues(options, ['password']));
    const basic = Buffer.from('bob:hunter22').toString('base64');
    const fromUrl = Buffer.from('alice:s3cr3t-pw').toString('base64');
    const echoed = `401 from server: you sent Authorization: Basic ${basic}, also ${fromUrl}, x-api-key: xkey-98765, GET /x?token=zzz-unknown&db=x`;
    const clean = scrub(echoed);
    for (const secret of [basic, fromUrl, 'xkey-98765', 'zzz-unknown']) expect(clean).not.toContain(secret);
    expect(clean).toContain('db=x');
  });
});

describe('config parsing limits', () => {
  const parse = (text: string) => parseConfig({ label: 'big.yaml', text, baseDir: '/' }, {});

  it('finds duplicate keys in a large mapping in linear time', () => {
    let text = 'collectors:\n';
    for (let i = 0; i < 30_000; i++) text += `  k${i}: { interval: ${i} }\n`;
    text += '  k17: {}\n';
    const started = performance.now();
    const { issues } = parse(text);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(issues).toEqual([{ file: 'big.yaml', key: 'collectors.k17 (line 30002)', expected: 'each key once in its mapping', found: 'a duplicate key' }]);
  });

  it('refuses an alias bomb naming the file', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    const { issues } = parse(bomb);
    expect(issues[0]).toMatchObject({ file: 'big.yaml', key: '(document)', expected: 'at most 100 alias expansions (*name)' });
  });

  it('refuses text over the size cap', () => {
    const { issues } = parse(`# ${'x'.repeat(1024 * 1024)}\n`);
    expect(issues[0]).toMatchObject({ file: 'big.yaml', key: '(file)', found: '1048579 bytes' });
  });
});

describe('the descriptor bound', () => {
  it('restarts the worker holding the most descriptors when the process nears its limit, or cannot count (EMFILE)', () => {
    const failed: string[] = [];
    const worker = (group: string, descriptors: number) =>
      ({
        name: group,
        maxDescriptors: 512,
        lastMemory: { heapUsedBytes: 0, externalBytes: 0, descriptors },
        fail: (reason: string) => failed.push(`${group}: ${reason}`),
      }) as never;
    const log = captureLogger();
    let now = 0;
    let open: number | undefined = 900;
    const guard = new DescriptorGuard(
      () => [worker('system', 12), worker('own:leaky', 700), worker('own:statsd', 210)],
      log,
      1024,
      () => open,
      () => now,
    );
    guard.checkBudget();
    expect(log.lines[0]).toMatch(/max_descriptors add up to 1536, above the 960 this process may give them \(limit 1024 less a reserve of 64\)/);
    guard.check(); // 900 of 1024: within the limit less the reserve
    expect(failed).toEqual([]);
    now = 2_000;
    open = 1000;
    guard.check();
    expect(failed).toEqual(['own:leaky: was restarted to free descriptors (700 held)']);
    now = 5_000;
    guard.check(); // cooldown
    now = 20_000;
    open = undefined;
    guard.check();
    expect(failed).toHaveLength(2);
    expect(log.lines.at(-1)).toMatch(/the agent holds all \(EMFILE\) of its 1024 descriptors/);
  });
});

describe('the RSS bound', () => {
  const account = (heap: number, external: number): MemoryAccount => {
    const memory = new MemoryAccount(undefined);
    memory.last = { heapUsedBytes: heap, externalBytes: external, descriptors: 0 };
    return memory;
  };
  /** A supervisor as the guards see it; `isolate` is what its isolate answers (undefined: cannot be asked). */
  const fakeWorker = (failed: string[], group: string, memory: MemoryAccount, isolate?: number, state = 'ready') =>
    ({
      name: group,
      memory,
      state,
      restarts: 0,
      memoryCapBytes: 320 * 1048576,
      isolateMemory: async () => isolate,
      fail: (reason: string) => failed.push(`${group}: ${reason}`),
    }) as never;

  it('restarts the worker that reported the most memory, once per cooldown, and says which', async () => {
    const failed: string[] = [];
    const log = captureLogger();
    let now = 0;
    const guard = new RssGuard(
      100,
      () => [fakeWorker(failed, 'system', account(10e6, 1e6)), fakeWorker(failed, 'own:bomb', account(5e6, 500e6))],
      log,
      () => 700 * 1048576,
      () => now,
    );
    await guard.check();
    now = 5_000;
    await guard.check();
    expect(failed).toEqual(['own:bomb: was restarted to bring the agent under max_rss_mb 100']);
    expect(log.lines[0]).toMatch(/agent RSS 700 MB passed max_rss_mb 100; restarting worker own:bomb, which holds the most memory \(482 MB/);
  });

  it('blames the worker that held the memory before its restart, or grew the agent under its work, never an innocent one for want of a report', async () => {
    const failed: string[] = [];
    const innocent = account(15e6, 2e6);
    const guilty = account(20e6, 900e6);
    guilty.restarted(); // restarted: no report of its new incarnation yet
    expect(guilty.last).toBeUndefined();
    const rss = 1200 * 1048576;
    const guard = new RssGuard(
      500,
      () => [fakeWorker(failed, 'own:influxdb', innocent), fakeWorker(failed, 'own:grower', guilty)],
      captureLogger(),
      () => rss,
      () => 0,
    );
    await guard.check();
    expect(failed).toEqual(['own:grower: was restarted to bring the agent under max_rss_mb 500']);
    // A fresh worker growing under a delivery that has not reported yet.
    const growing = new MemoryAccount(undefined);
    growing.inFlight(1, () => 300 * 1048576);
    expect(growing.growth(rss)).toBe(900 * 1048576);
    const second = new RssGuard(
      500,
      () => [fakeWorker(failed, 'own:influxdb', innocent), fakeWorker(failed, 'own:fresh', growing)],
      captureLogger(),
      () => rss,
      () => 0,
    );
    await second.check();
    expect(failed.at(-1)).toBe('own:fresh: was restarted to bring the agent under max_rss_mb 500');
    growing.inFlight(0);
    expect(growing.growth(rss)).toBe(0);
  });

  it('asks the isolates: a slow delivery that overlapped a hog is not blamed for its growth, and a hog already going is not followed by an innocent', async () => {
    const failed: string[] = [];
    const rss = 1500 * 1048576;
    const slow = new MemoryAccount(undefined);
    slow.inFlight(1, () => 200 * 1048576); // grew 1300 MB "under" it, but a hog was busy too
    slow.overlapped = true;
    const hog = new MemoryAccount(undefined);
    hog.inFlight(1, () => 400 * 1048576);
    hog.overlapped = true;
    const log = captureLogger();
    await new RssGuard(
      1024,
      () => [fakeWorker(failed, 'own:slow', slow, 4 * 1048576), fakeWorker(failed, 'own:hog', hog, 1000 * 1048576)],
      log,
      () => rss,
      () => 0,
    ).check();
    expect(failed).toEqual(['own:hog: was restarted to bring the agent under max_rss_mb 1024']);
    // Where the isolates cannot be asked, the growth is all there is: the longest busy is blamed.
    await new RssGuard(
      1024,
      () => [fakeWorker(failed, 'own:slow', slow), fakeWorker(failed, 'own:hog', hog)],
      captureLogger(),
      () => rss,
      () => 0,
    ).check();
    expect(failed.at(-1)).toBe('own:slow: was restarted to bring the agent under max_rss_mb 1024');
    // The memory watch restarted the hog for what it held; its memory is not back yet. The guard
    // waits for it rather than restart the next heaviest.
    const gone = new MemoryAccount(undefined);
    gone.restarted(1100 * 1048576);
    const quiet = captureLogger();
    await new RssGuard(
      1024,
      () => [fakeWorker(failed, 'own:slow', account(3e6, 1e6), 4e6), fakeWorker(failed, 'own:hog', gone, undefined, 'restarting')],
      quiet,
      () => rss,
      () => 0,
    ).check();
    expect(failed).toHaveLength(2);
    expect(quiet.lines[0]).toMatch(
      /agent RSS 1500 MB passed max_rss_mb 1024; worker own:hog, which held the most memory \(1100 MB\), is already being restarted/,
    );
  });
});

describe('the growth watch', () => {
  const fakeWorker = (failed: string[], group: string, memory: MemoryAccount, isolate?: number) =>
    ({
      name: group,
      memory,
      restarts: 0,
      memoryCapBytes: 320 * 1048576,
      isolateMemory: async () => isolate,
      fail: (reason: string, seenBytes?: number) => {
        failed.push(`${group}: ${reason}`);
        memory.restarted(seenBytes);
      },
    }) as never;

  it('restarts a worker under whose run the process grew past its heap and off-heap caps, while it runs', async () => {
    const failed: string[] = [];
    let rss = 200 * 1048576;
    const wakes: number[] = [];
    const busy = new MemoryAccount(() => wakes.push(1));
    busy.inFlight(1, () => rss);
    const idle = new MemoryAccount(undefined);
    let ticks = 0;
    // A native library's allocations: the isolate holds little, the process grows.
    const watch = new GrowthWatch(
      () => [fakeWorker(failed, 'own:hog', busy, 5 * 1048576), fakeWorker(failed, 'system', idle, 2 * 1048576)],
      captureLogger(),
      () => ticks++,
      () => rss,
    );
    expect(wakes).toEqual([1]);
    rss += 300 * 1048576;
    await watch.tick();
    expect(failed).toEqual([]);
    rss += 100 * 1048576;
    await watch.tick();
    expect(failed).toEqual(['own:hog: grew the agent by 400 MB in one run or delivery (past max_heap_mb + max_external_mb, 320 MB)']);
    expect(ticks).toBe(2);
    busy.inFlight(0); // idle: the watch's next tick finds no work out and stops
  });

  it('restarts a worker whose isolate holds more than its caps even when the process did not grow (memory reused from an earlier incarnation)', async () => {
    const failed: string[] = [];
    const reuse = new MemoryAccount(undefined);
    reuse.inFlight(1, () => 900 * 1048576);
    const log = captureLogger();
    await new GrowthWatch(
      () => [fakeWorker(failed, 'own:hog', reuse, 500 * 1048576)],
      log,
      () => undefined,
      () => 900 * 1048576,
    ).tick();
    expect(failed).toEqual(['own:hog: held 500 MB of heap and off-heap in one run or delivery (past max_heap_mb + max_external_mb, 320 MB)']);
    expect(log.lines[0]).toMatch(
      /worker own:hog: its heap and off-heap reached 500 MB during its run or delivery, past the worker's max_heap_mb plus max_external_mb \(320 MB\); restarting it before it finishes/,
    );
    reuse.inFlight(0);
  });

  it("judges a worker whose work overlapped another's by what its own isolate holds, so an innocent delivery beside a hog is not restarted", async () => {
    const failed: string[] = [];
    let rss = 200 * 1048576;
    const accounts = { hog: new MemoryAccount(undefined), archive: new MemoryAccount(undefined), old: new MemoryAccount(undefined) };
    const own: Record<string, number | undefined> = { hog: 300 * 1048576, archive: 3 * 1048576, old: undefined };
    const log = captureLogger();
    const workers = () => (Object.keys(accounts) as Array<keyof typeof accounts>).map((group) => fakeWorker(failed, group, accounts[group], own[group]));
    const watch = new GrowthWatch(
      workers,
      log,
      () => undefined,
      () => rss,
    );
    accounts.hog.inFlight(1, () => rss);
    watch.wake();
    expect(accounts.hog.overlapped).toBe(false);
    rss += 50 * 1048576;
    accounts.archive.inFlight(1, () => rss);
    accounts.old.inFlight(1, () => rss);
    watch.wake();
    expect([accounts.hog.overlapped, accounts.archive.overlapped, accounts.old.overlapped]).toEqual([true, true, true]);
    rss += 400 * 1048576; // past every cap: growth alone cannot tell whose
    await watch.tick();
    // The hog's isolate holds under its cap (the rest is native), but none of the others' can be
    // its: the archive's isolate clears it; a runtime that cannot say leaves the growth to decide.
    expect(failed).toEqual(['old: grew the agent by 400 MB in one run or delivery (past max_heap_mb + max_external_mb, 320 MB)']);
    expect(log.lines.join('\n')).toMatch(
      /worker archive: the agent grew by 400 MB while its work and another worker's were in flight, but its own heap and off-heap hold 3 MB; not restarting it/,
    );
    own.hog = 900 * 1048576;
    await watch.tick();
    expect(failed.at(-1)).toBe('hog: held 900 MB of heap and off-heap in one run or delivery (past max_heap_mb + max_external_mb, 320 MB)');
    expect(failed).toHaveLength(2);
    // Alone again, a fresh span is judged on growth: its overlap ended with its work.
    for (const memory of Object.values(accounts)) memory.inFlight(0);
    accounts.archive.inFlight(1, () => rss);
    watch.wake();
    expect(accounts.archive.overlapped).toBe(false);
    accounts.archive.inFlight(0);
  });
});
