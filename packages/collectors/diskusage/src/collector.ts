import { convertBytes, defineCollector, MalformedFileError, MAX_COUNTER, readOptionalFile, type ByteUnit } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

/** Kernel counters that are 32-bit on 32-bit kernels (Diamond's MAX_VALUES). */
const MAX_32 = 4294967295;
const COLUMNS = [
  'reads',
  'reads_merged',
  'reads_sectors',
  'reads_milliseconds',
  'writes',
  'writes_merged',
  'writes_sectors',
  'writes_milliseconds',
  'io_in_progress',
  'io_milliseconds',
  'io_milliseconds_weighted',
] as const;
type Column = (typeof COLUMNS)[number];

function parseDiskstats(text: string, file: string): Array<{ device: string; values: Record<Column, number> }> {
  const out: Array<{ device: string; values: Record<Column, number> }> = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 14) {
      if (line.trim() !== '' && fields.length !== 7)
        throw new MalformedFileError(file, `"<major> <minor> <device> <11+ counters>" lines, found ${JSON.stringify(line.slice(0, 80))}`);
      continue; // pre-2.6.25 partitions have 4 counters: nothing useful
    }
    const device = fields[2] ?? '';
    if (device.startsWith('ram') || device.startsWith('loop')) continue;
    const numbers = fields.slice(3, 14).map(Number);
    if (numbers.some((n) => !Number.isFinite(n))) throw new MalformedFileError(file, `numeric counters for ${device}`);
    out.push({ device, values: Object.fromEntries(COLUMNS.map((c, i) => [c, numbers[i] ?? 0])) as Record<Column, number> });
  }
  return out;
}

export default defineCollector({
  name: 'diskusage',
  description: 'Disk I/O per device from /proc/diskstats: requests, bytes, await, utilisation (Diamond DiskUsageCollector).',
  path: 'iostat',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('diskstats');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const devices = new RegExp(`^(?:${ctx.options.devices})`);
    // Like Diamond, per-second figures divide by the time actually elapsed between runs.
    const elapsed = ctx.derivative('\u0000elapsed', ctx.now(), { timeDelta: false, max: 0 });
    const units: ByteUnit[] = ctx.options.byte_unit;
    const kbPerSector = ctx.options.sector_size / 1024;
    const idle: string[] = [];
    for (const { device, values } of parseDiskstats(text, file)) {
      if (!devices.test(device)) continue;
      const delta = (column: Column, value: number, max: number): number | undefined => ctx.derivative(`${device}.${column}`, value, { timeDelta: false, max });
      const d: Partial<Record<string, number>> = {};
      let complete = true;
      for (const column of COLUMNS) {
        if (column === 'io_in_progress') continue;
        const v = delta(column, values[column], column.endsWith('sectors') ? MAX_COUNTER : MAX_32);
        if (v === undefined) complete = false;
        else d[column] = v;
      }
      if (!complete || !elapsed) continue;
      const m: Record<string, number> = {};
      const g = (k: string): number => d[k] ?? 0;
      for (const c of [
        'reads',
        'reads_merged',
        'reads_milliseconds',
        'writes',
        'writes_merged',
        'writes_milliseconds',
        'io_milliseconds',
        'io_milliseconds_weighted',
      ])
        m[c] = g(c);
      m.io_in_progress = values.io_in_progress;
      for (const unit of units) {
        m[`reads_${unit}`] = convertBytes(g('reads_sectors') * kbPerSector, 'kilobyte', unit);
        m[`writes_${unit}`] = convertBytes(g('writes_sectors') * kbPerSector, 'kilobyte', unit);
      }
      const io = g('reads') + g('writes');
      m.io = io;
      m.read_requests_merged_per_second = g('reads_merged') / elapsed;
      m.write_requests_merged_per_second = g('writes_merged') / elapsed;
      m.reads_per_second = g('reads') / elapsed;
      m.writes_per_second = g('writes') / elapsed;
      for (const unit of units) {
        m[`read_${unit}_per_second`] = (m[`reads_${unit}`] ?? 0) / elapsed;
        m[`write_${unit}_per_second`] = (m[`writes_${unit}`] ?? 0) / elapsed;
        m[`average_request_size_${unit}`] = io > 0 ? ((m[`reads_${unit}`] ?? 0) + (m[`writes_${unit}`] ?? 0)) / io : 0;
      }
      m.average_queue_length = g('io_milliseconds_weighted') / elapsed / 1000;
      m.util_percentage = g('io_milliseconds') / elapsed / 10;
      m.read_await = g('reads') > 0 ? g('reads_milliseconds') / g('reads') : 0;
      m.write_await = g('writes') > 0 ? g('writes_milliseconds') / g('writes') : 0;
      m.iops = io / elapsed;
      m.service_time = io > 0 ? g('io_milliseconds') / io : 0;
      m.await = io > 0 ? (g('reads_milliseconds') + g('writes_milliseconds')) / io : 0;
      m.concurrent_io = (m.reads_per_second + m.writes_per_second) * (m.service_time / 1000);
      if (io === 0 && !ctx.options.send_zero) {
        idle.push(device);
        continue;
      }
      const dimensions = { device };
      // Per-interval deltas are gauges: they are not cumulative, whatever Diamond called them.
      for (const [key, value] of Object.entries(m)) ctx.publish(`${device.replace(/\//g, '_')}.${key}`, value, { precision: 2, dimensions });
    }
    if (idle.length > 0)
      ctx.log.debug(
        `${idle.length} device(s) did no I/O this interval and are not published (send_zero: false): ${idle.slice(0, 8).join(', ')}${idle.length > 8 ? ', ...' : ''}`,
      );
  },
});
