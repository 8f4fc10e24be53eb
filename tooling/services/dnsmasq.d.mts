export declare const haveDnsmasq: boolean;

export interface DnsmasqServer {
  port: number;
  /** `127.0.0.1:<port>`, as a resolver's server list takes it. */
  address: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts dnsmasq answering `records` (name to IPv4 address); other names under spinel.test get NXDOMAIN. */
export declare function startDnsmasq(records: Readonly<Record<string, string>>): Promise<DnsmasqServer>;
