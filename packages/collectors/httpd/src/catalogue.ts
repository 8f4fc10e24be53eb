import type { Catalogue, MetricSpec } from '@spinel/sdk';

type Figure = Omit<MetricSpec, 'name'> & { name: string };

/** Every figure Diamond's HttpdCollector publishes, under its name (the page key, spaces dropped). */
const FIGURES: readonly Figure[] = [
  { name: 'TotalAccesses', type: 'counter', unit: 'requests', description: 'Requests served since the server started (`Total Accesses`).' },
  { name: 'TotalkBytes', type: 'counter', unit: 'kilobytes', description: 'Kilobytes served since the server started (`Total kBytes`).' },
  { name: 'ReqPerSec', type: 'gauge', unit: 'requests/s', description: 'Requests per second, averaged by Apache since it started.' },
  { name: 'BytesPerSec', type: 'gauge', unit: 'bytes/s', description: 'Bytes per second, averaged by Apache since it started.' },
  { name: 'BytesPerReq', type: 'gauge', unit: 'bytes', description: 'Bytes per request, averaged by Apache since it started.' },
  { name: 'CPULoad', type: 'gauge', unit: 'percent', description: "The server's CPU use since it started, in percent of one CPU." },
  { name: 'CPUUser', type: 'counter', unit: 'seconds', description: 'CPU seconds in user mode of the server processes (Apache 2.4).' },
  { name: 'CPUSystem', type: 'counter', unit: 'seconds', description: 'CPU seconds in kernel mode of the server processes (Apache 2.4).' },
  { name: 'CPUChildrenUser', type: 'counter', unit: 'seconds', description: 'CPU seconds in user mode of exited children (Apache 2.4).' },
  { name: 'CPUChildrenSystem', type: 'counter', unit: 'seconds', description: 'CPU seconds in kernel mode of exited children (Apache 2.4).' },
  { name: 'ServerUptimeSeconds', type: 'gauge', unit: 'seconds', description: 'Seconds since the server started (Apache 2.4).' },
  { name: 'BusyWorkers', type: 'gauge', unit: 'workers', description: 'Workers serving a request (`BusyWorkers`).' },
  { name: 'StartingWorkers', type: 'gauge', unit: 'workers', description: 'Workers starting up (`StartingWorkers`, where Apache prints it).' },
  { name: 'IdleWorkers', type: 'gauge', unit: 'workers', description: 'Idle workers: `_` on the scoreboard.' },
  { name: 'ReadingWorkers', type: 'gauge', unit: 'workers', description: 'Workers reading a request: `R` on the scoreboard.' },
  { name: 'WritingWorkers', type: 'gauge', unit: 'workers', description: 'Workers sending a reply: `W` on the scoreboard.' },
  { name: 'KeepaliveWorkers', type: 'gauge', unit: 'workers', description: 'Workers holding a keep-alive connection: `K` on the scoreboard.' },
  { name: 'DnsWorkers', type: 'gauge', unit: 'workers', description: 'Workers in a DNS lookup: `D` on the scoreboard.' },
  { name: 'ClosingWorkers', type: 'gauge', unit: 'workers', description: 'Workers closing a connection: `C` on the scoreboard.' },
  { name: 'LoggingWorkers', type: 'gauge', unit: 'workers', description: 'Workers logging: `L` on the scoreboard.' },
  { name: 'FinishingWorkers', type: 'gauge', unit: 'workers', description: 'Workers finishing gracefully: `G` on the scoreboard.' },
  { name: 'CleanupWorkers', type: 'gauge', unit: 'workers', description: 'Idle workers being cleaned up: `I` on the scoreboard.' },
  { name: 'ConnsTotal', type: 'gauge', unit: 'connections', description: 'Open connections (event MPM).' },
  { name: 'ConnsAsyncWriting', type: 'gauge', unit: 'connections', description: 'Connections in asynchronous writing (event MPM).' },
  { name: 'ConnsAsyncKeepAlive', type: 'gauge', unit: 'connections', description: 'Connections in asynchronous keep-alive (event MPM).' },
  { name: 'ConnsAsyncClosing', type: 'gauge', unit: 'connections', description: 'Connections closing asynchronously (event MPM).' },
  { name: 'CacheSharedMemory', type: 'gauge', unit: 'bytes', description: "mod_socache_shmcb's shared memory (`CacheSharedMemory`)." },
  { name: 'CacheCurrentEntries', type: 'gauge', unit: 'entries', description: 'Entries in the SSL session cache.' },
  { name: 'CacheSubcaches', type: 'gauge', unit: 'subcaches', description: 'Subcaches of the SSL session cache.' },
  { name: 'CacheIndexesPerSubcaches', type: 'gauge', unit: 'indexes', description: 'Indexes per subcache of the SSL session cache.' },
  { name: 'CacheIndexUsage', type: 'gauge', unit: 'percent', description: 'Index use of the SSL session cache (its `%` dropped).' },
  { name: 'CacheUsage', type: 'gauge', unit: 'percent', description: 'Use of the SSL session cache (its `%` dropped).' },
  { name: 'CacheStoreCount', type: 'counter', unit: 'entries', description: 'Sessions stored in the SSL session cache.' },
  { name: 'CacheReplaceCount', type: 'counter', unit: 'entries', description: 'Sessions replaced in the SSL session cache.' },
  { name: 'CacheExpireCount', type: 'counter', unit: 'entries', description: 'Sessions expired from the SSL session cache.' },
  { name: 'CacheDiscardCount', type: 'counter', unit: 'entries', description: 'Sessions discarded from the SSL session cache.' },
  { name: 'CacheRetrieveHitCount', type: 'counter', unit: 'lookups', description: 'SSL session cache lookups that found the session.' },
  { name: 'CacheRetrieveMissCount', type: 'counter', unit: 'lookups', description: 'SSL session cache lookups that did not.' },
  { name: 'CacheRemoveHitCount', type: 'counter', unit: 'removals', description: 'SSL session cache removals that found the session.' },
  { name: 'CacheRemoveMissCount', type: 'counter', unit: 'removals', description: 'SSL session cache removals that did not.' },
  { name: 'CacheTimeLeftOldestAvg', type: 'gauge', unit: 'seconds', description: 'Average time left of the oldest session of each subcache.' },
  { name: 'CacheTimeLeftOldestMin', type: 'gauge', unit: 'seconds', description: 'Least time left of the oldest sessions.' },
  { name: 'CacheTimeLeftOldestMax', type: 'gauge', unit: 'seconds', description: 'Most time left of the oldest sessions.' },
];

/** Each figure under a page's nickname (`localhost.TotalAccesses`) and, for a bare URL, alone. */
export const catalogue: Catalogue = [
  ...FIGURES.map((f) => ({ ...f, name: `{nickname}.${f.name}` })),
  ...FIGURES.map((f) => ({ ...f, description: `${f.description} A page listed without a nickname.` })),
];

/** The figures that are running totals (Diamond publishes their raw values; so does Spinel, typed as counters). */
export const COUNTERS: ReadonlySet<string> = new Set(FIGURES.filter((f) => f.type === 'counter').map((f) => f.name));
