import { MalformedFileError, type Catalogue, type CollectContext, type OptionsSchema } from '@spinel/sdk';

/**
 * How one line of /proc/net/rpc/nfsd or /proc/net/rpc/nfs becomes metrics: the name prefix, the
 * names of its fields in order (a gap is a field Diamond left out), and whether its first field is
 * the count of those that follow (the client's procN lines; Diamond drops it there, and keeps it on
 * the server's as `unknown`).
 */
export interface RpcLine {
  prefix: string;
  fields: ReadonlyArray<string | undefined>;
  countFirst?: boolean;
  description: string;
}

export type RpcLayout = Readonly<Record<string, RpcLine>>;

const NUMBER = /^\d+(\.\d+)?$/;

/** Each named field of the lines the layout knows, as a whole number (Diamond's `long(float(x))`), by metric name; other lines are skipped. */
export function rpcFigures(text: string, file: string, layout: RpcLayout): Map<string, number> {
  const figures = new Map<string, number>();
  for (const [index, line] of text.split('\n').entries()) {
    const [key, ...rest] = line.trim().split(/\s+/);
    const spec = key === undefined ? undefined : layout[key];
    if (!spec) continue;
    const values = spec.countFirst ? rest.slice(1) : rest;
    for (const [at, name] of spec.fields.entries()) {
      const value = values[at];
      if (name === undefined || value === undefined) continue;
      if (!NUMBER.test(value)) throw new MalformedFileError(file, `non-negative numbers after "${key}" (line ${index + 1}, field ${at + 2}: "${value}")`);
      figures.set(`${spec.prefix}.${name}`, Math.trunc(Number(value)));
    }
  }
  return figures;
}

/** Publishes each figure as Diamond did: its change per second (0 when it went down), 3 decimal places. */
export function publishRpcFigures<S extends OptionsSchema>(ctx: CollectContext<S>, figures: ReadonlyMap<string, number>): void {
  for (const [name, value] of figures) ctx.publishRate(name, value, { precision: 3, derivative: { max: 0 } });
}

/** A catalogue entry per line of the layout, its fields as one placeholder. */
export function rpcCatalogue(layout: RpcLayout): Catalogue {
  return Object.values(layout).map((line) => ({ name: `${line.prefix}.{figure}`, type: 'rate' as const, unit: 'per second', description: line.description }));
}
