/**
 * Where a handler sends, in a few words, from its options: a URL without its credentials and
 * query, the servers or host and port, the file, the address it serves; with the topic, subject,
 * database or bucket when it has one. Null when its options name no destination. The status
 * server's scrubber still runs over it, as over every answer.
 */
export function handlerDestination(options: Readonly<Record<string, unknown>>): string | null {
  const where = place(options);
  if (where === undefined) return null;
  const within = ['topic', 'subject', 'database', 'bucket', 'namespace'].find((key) => textOption(options, key) !== undefined);
  return within ? `${where} (${within} ${textOption(options, within)})` : where;
}

/** A non-empty string option, else undefined. */
function textOption(options: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function place(options: Readonly<Record<string, unknown>>): string | undefined {
  const text = (key: string): string | undefined => textOption(options, key);
  const url = text('url') ?? text('endpoint');
  if (url) return withoutSecrets(url);
  const servers = options.servers;
  if (Array.isArray(servers) && servers.length > 0)
    return (
      servers
        .slice(0, 3)
        .map((s) => withoutSecrets(String(s)))
        .join(', ') + (servers.length > 3 ? ', ...' : '')
    );
  const server = text('servers');
  if (server) return withoutSecrets(server);
  const port = typeof options.port === 'number' ? options.port : undefined;
  const host = text('host');
  if (host) {
    const transport = text('proto') ?? text('protocol');
    return [port === undefined ? host : `${host}:${port}`, transport].filter((part) => part !== undefined).join(' ');
  }
  const listen = text('listen');
  if (listen !== undefined && port !== undefined) return `serves http://${listen}:${port}${text('path') ?? ''}`;
  if (text('path')) return text('path');
  if (text('region')) return `region ${text('region')}`;
  if (typeof options.fd === 'number') return options.fd === 2 ? 'stderr' : options.fd === 1 ? 'stdout' : `fd ${options.fd}`;
  return undefined;
}

/** A URL without user, password or query (where API keys travel); text that is no URL as it is. */
function withoutSecrets(value: string): string {
  try {
    const url = new URL(value);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return value.replace(/\/\/[^/@]*@/, '//');
  }
}
