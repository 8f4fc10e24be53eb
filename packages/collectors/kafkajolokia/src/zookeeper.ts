/** `host:port` (or a unix socket path, as the fork took a host without a port) from a connect string, chroot and other servers left out. */
export function zookeeperTarget(connect: string): { host: string; port: number | undefined } {
  const first = connect.split(',')[0] ?? '';
  const match = /^([^:/]+)(?::(\d+))?/.exec(first);
  return { host: match?.[1] ?? first, port: match?.[2] === undefined ? undefined : Number(match[2]) };
}
