/** One node to read: its alias ('' for the single node of a config without `instances`). */
export interface Instance {
  alias: string;
  host: string;
  port: number;
}

/** Diamond's process_config: `[<alias>@]<host>[:<port>]`, alias `default` when none; no instances is `host:port` with no alias. */
export function parseInstances(instances: readonly string[], host: string, port: number): Instance[] {
  if (instances.length === 0) return [{ alias: '', host, port }];
  const byAlias = new Map<string, Instance>();
  for (const instance of instances) {
    const at = instance.indexOf('@');
    const alias = at < 0 ? 'default' : instance.slice(0, at);
    const hostPort = at < 0 ? instance : instance.slice(at + 1);
    const colon = hostPort.indexOf(':');
    byAlias.set(alias, colon < 0 ? { alias, host: hostPort, port: 9200 } : { alias, host: hostPort.slice(0, colon), port: Number(hostPort.slice(colon + 1)) });
  }
  return [...byAlias.values()].sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
}

/** Why an instance cannot be read, or undefined. */
export function instanceProblem(instance: string): string | undefined {
  const hostPort = instance.slice(instance.indexOf('@') + 1);
  const colon = hostPort.indexOf(':');
  if ((colon < 0 ? hostPort : hostPort.slice(0, colon)) === '') return 'a host';
  if (colon < 0) return undefined;
  const port = Number(hostPort.slice(colon + 1));
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : 'a port from 1 to 65535';
}
