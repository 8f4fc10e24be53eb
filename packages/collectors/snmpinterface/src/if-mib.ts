/** Diamond SNMPInterfaceCollector's IF-MIB columns: the index, type and name, then its figures. */
export const IF_INDEX = '1.3.6.1.2.1.2.2.1.1';
export const IF_TYPE = '1.3.6.1.2.1.2.2.1.3';
export const IF_NAME = '1.3.6.1.2.1.31.1.1.1.1';

/** Running totals Diamond published as they are (publish_gauge). */
export const GAUGE_COLUMNS: Readonly<Record<string, string>> = {
  ifInDiscards: '1.3.6.1.2.1.2.2.1.13',
  ifInErrors: '1.3.6.1.2.1.2.2.1.14',
  ifOutDiscards: '1.3.6.1.2.1.2.2.1.19',
  ifOutErrors: '1.3.6.1.2.1.2.2.1.20',
};

/** 64-bit counters Diamond published as per-second rates (the octets in each `byte_unit`). */
export const COUNTER_COLUMNS: Readonly<Record<string, string>> = {
  ifHCInOctets: '1.3.6.1.2.1.31.1.1.1.6',
  ifInUcastPkts: '1.3.6.1.2.1.31.1.1.1.7',
  ifInMulticastPkts: '1.3.6.1.2.1.31.1.1.1.8',
  ifInBroadcastPkts: '1.3.6.1.2.1.31.1.1.1.9',
  ifHCOutOctets: '1.3.6.1.2.1.31.1.1.1.10',
  ifOutUcastPkts: '1.3.6.1.2.1.31.1.1.1.11',
  ifOutMulticastPkts: '1.3.6.1.2.1.31.1.1.1.12',
  ifOutBroadcastPkts: '1.3.6.1.2.1.31.1.1.1.13',
};

/** An interface name as a path segment: quotes dropped, anything not a word character `_` (Diamond's). */
export const interfaceSegment = (name: string): string => name.replace(/["']/g, '').replace(/\W/g, '_');
