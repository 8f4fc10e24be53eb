import type { OptionSpec, ParseResult } from '@spinel/sdk';

/** One server to read: where, as whom, and the path segment its metrics go under. */
export interface MysqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The database to connect to; undefined connects to none (Diamond's `None`). */
  database: string | undefined;
  /** Diamond's nickname: a path segment before every name; empty publishes at the collector's path. */
  nickname: string;
}

const DEFAULT_PORT = 3306;

/**
 * Diamond's connection string, `user:password@host:port/db[/nickname]`: the port may be empty
 * (3306), the db `None` (connect to no database). The password is everything between the first
 * `:` and the last `@`, so it may hold `@` and `:` (Diamond's pattern allowed neither).
 */
export function parseHost(entry: string): MysqlServer | string {
  const at = entry.lastIndexOf('@');
  if (at < 0) return 'no `@` between the credentials and the host';
  const credentials = entry.slice(0, at);
  const colon = credentials.indexOf(':');
  if (colon < 0) return 'no `:` between the user and the password (write `user:@host` for none)';
  const [address = '', db, ...rest] = entry.slice(at + 1).split('/');
  if (db === undefined) return 'no `/db` after the host (write `/None` to connect to no database)';
  const [host = '', portText = ''] = address.split(':');
  if (host === '') return 'no host';
  const port = portText === '' ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `port ${JSON.stringify(portText)} is not a port number`;
  return {
    host,
    port,
    user: credentials.slice(0, colon),
    password: credentials.slice(colon + 1),
    database: db === 'None' || db === '' ? undefined : db,
    nickname: rest.join('/'),
  };
}

/** `hosts`: checked entry by entry when the config loads, so a typo fails there, by position. */
export function hostsOption(description: string): OptionSpec<string[]> {
  const typeLabel = 'list of `user:password@host:port/db[/nickname]`';
  return {
    kind: 'string[]',
    typeLabel,
    default: [],
    description,
    secret: true,
    parse(raw): ParseResult<string[]> {
      const list = typeof raw === 'string' ? [raw] : raw;
      if (!Array.isArray(list) || !list.every((item): item is string => typeof item === 'string')) return { ok: false, expected: typeLabel };
      for (const [index, item] of list.entries()) {
        const parsed = parseHost(item);
        // The entry holds a password: the message names its position, never its text.
        if (typeof parsed === 'string') return { ok: false, expected: `${typeLabel} (entry ${index + 1}: ${parsed})` };
      }
      return { ok: true, value: list };
    },
  };
}
