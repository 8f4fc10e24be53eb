/** What one container has used so far: cumulative counters plus current memory. */
export interface ContainerUsage {
  cpuTotalNs: number;
  cpuUserNs: number;
  cpuSystemNs: number;
  periods: number;
  throttledPeriods: number;
  throttledNs: number;
  memoryUsage: number;
  /** undefined when unlimited. */
  memoryLimit: number | undefined;
  memoryRss: number;
  memoryCache: number;
  memoryInactiveFile: number;
  blkReadBytes: number;
  blkWriteBytes: number;
  blkReadOps: number;
  blkWriteOps: number;
}

export interface InterfaceCounters {
  rx_bytes: number;
  tx_bytes: number;
  rx_packets: number;
  tx_packets: number;
  rx_errors: number;
  tx_errors: number;
  rx_dropped: number;
  tx_dropped: number;
}

export type Networks = Map<string, InterfaceCounters>;
