/** What mod_status's `?auto` page says, as Diamond's HttpdCollector reads it. */
export interface ModStatus {
  /** `Key: value` lines by Diamond's metric name (spaces dropped: `Total Accesses` → `TotalAccesses`), values as numbers. */
  values: Map<string, number>;
  /** The scoreboard, when the page has one. */
  scoreboard: string | undefined;
}

/** The figures Diamond publishes, by their page key; every other key (Uptime, Load1, ServerVersion) is left. */
const PUBLISHED = new Set([
  'ReqPerSec',
  'BytesPerSec',
  'BytesPerReq',
  'BusyWorkers',
  'Total Accesses',
  'StartingWorkers',
  'ConnsAsyncClosing',
  'CPUUser',
  'CacheSubcaches',
  'CacheCurrentEntries',
  'CPULoad',
  'Total kBytes',
  'CacheIndexesPerSubcaches',
  'CPUChildrenSystem',
  'ConnsAsyncWriting',
  'CacheSharedMemory',
  'ServerUptimeSeconds',
  'CacheStoreCount',
  'CacheExpireCount',
  'CacheReplaceCount',
  'CPUChildrenUser',
  'ConnsTotal',
  'CacheRetrieveMissCount',
  'CacheRetrieveHitCount',
  'CacheTimeLeftOldestMax',
  'CacheDiscardCount',
  'CacheRemoveHitCount',
  'CacheTimeLeftOldestMin',
  'CPUSystem',
  'ConnsAsyncKeepAlive',
  'CacheTimeLeftOldestAvg',
  'CacheRemoveMissCount',
  'CacheIndexUsage',
  'CacheUsage',
]);

const LINE = /^([A-Za-z ]+):\s+(.+)$/;

/**
 * Reads mod_status's machine-readable page (`/server-status?auto`). `IdleWorkers` is not taken
 * from its line: Diamond counts it from the scoreboard, as the other worker states. A value that
 * is not a number (`CacheUsage: 3%` loses its `%`) is left out. Returns a description of what is
 * wrong when the text is not such a page.
 */
export function parseModStatus(text: string): ModStatus | string {
  const values = new Map<string, number>();
  let scoreboard: string | undefined;
  let keys = 0;
  for (const line of text.split('\n')) {
    const match = LINE.exec(line.trimEnd());
    if (!match) continue;
    const [, key = '', raw = ''] = match;
    keys++;
    if (key === 'Scoreboard') scoreboard = raw;
    if (!PUBLISHED.has(key)) continue;
    const value = Number(raw.replace('%', ''));
    if (raw.trim() !== '' && Number.isFinite(value)) values.set(key.replace(/\s+/g, ''), value);
  }
  if (keys === 0 || (values.size === 0 && scoreboard === undefined))
    return 'not an Apache mod_status page in ?auto format (no `Total Accesses:`, `BusyWorkers:` or `Scoreboard:` line)';
  return { values, scoreboard };
}

/** Worker states by the scoreboard's letters, under Diamond's names. */
export const SCOREBOARD_STATES: ReadonlyArray<readonly [name: string, letter: string]> = [
  ['IdleWorkers', '_'],
  ['ReadingWorkers', 'R'],
  ['WritingWorkers', 'W'],
  ['KeepaliveWorkers', 'K'],
  ['DnsWorkers', 'D'],
  ['ClosingWorkers', 'C'],
  ['LoggingWorkers', 'L'],
  ['FinishingWorkers', 'G'],
  ['CleanupWorkers', 'I'],
];

export function countScoreboard(scoreboard: string): Array<[string, number]> {
  return SCOREBOARD_STATES.map(([name, letter]) => [name, scoreboard.split(letter).length - 1]);
}

/** Diamond publishes these with precision 5, every other figure as a whole number (`%d`). */
export const FRACTIONAL = new Set(['ReqPerSec', 'BytesPerSec', 'BytesPerReq', 'CPULoad', 'CPUUser', 'CPUSystem']);

/**
 * Diamond's `urls` entries: `nickname URL` or a bare URL (an empty nickname); empty entries (a
 * trailing comma) are skipped. A later entry with the same nickname replaces an earlier one, as
 * in Diamond's dict.
 */
export function statusPages(urls: readonly string[], url: string | undefined): Map<string, string> {
  const pages = new Map<string, string>();
  for (const entry of url === undefined ? urls : [...urls, url]) {
    const text = entry.trim();
    if (text === '') continue;
    const space = text.indexOf(' ');
    if (space === -1) pages.set('', text);
    else pages.set(text.slice(0, space), text.slice(space + 1).trim());
  }
  return pages;
}
