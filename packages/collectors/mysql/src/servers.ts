import { parseHost, type MysqlServer } from './hosts.js';

export type ConfiguredServer = MysqlServer & { socket: string | undefined };

/** The servers one entry reads: each of `hosts`, or else the single-server options. */
export function configuredServers(options: {
  hosts: readonly string[];
  host: string;
  port: number;
  user: string;
  passwd: string | undefined;
  db: string | undefined;
  socket: string | undefined;
}): ConfiguredServer[] {
  if (options.hosts.length === 0) {
    return [
      {
        host: options.host,
        port: options.port,
        user: options.user,
        password: options.passwd ?? '',
        database: options.db,
        nickname: '',
        socket: options.socket,
      },
    ];
  }
  return options.hosts.map((entry) => {
    const parsed = parseHost(entry);
    // The option's parse rejected bad entries when the config loaded; this is for direct callers.
    if (typeof parsed === 'string') throw new Error(`hosts: ${parsed}`);
    return { ...parsed, socket: undefined };
  });
}
