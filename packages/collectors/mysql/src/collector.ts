import { defineCollector, type CollectContext } from '@spinel/sdk';
import { readEachServer } from '@spinel/plugin-kit';
import { catalogue, GAUGES, IGNORED } from './catalogue.js';
import { KeptConnection, QueryError, type Row } from './connection.js';
import { parseInnodbStatus } from './innodb.js';
import { options } from './options.js';
import { configuredServers } from './servers.js';

type Ctx = CollectContext<typeof options>;

export interface MysqlResources {
  connections: KeptConnection[];
  /** `publish` names a server did not have, warned about once each (bounded by `publish`). */
  warnedUnknown: Set<string>;
}

/** MySQL 8.4 dropped SHOW MASTER/SLAVE STATUS; its replacements name columns Source, not Master. */
const ER_PARSE_ERROR = 1064;
const NUMERIC = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;

/** A value as Diamond's float() takes it: numbers and numeric text; 'ON', '', NULL are not values. */
function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value);
  return undefined;
}

function publishValue(ctx: Ctx, prefix: string, name: string, value: number): void {
  const path = `${prefix}${name}`;
  if (GAUGES.has(name)) {
    ctx.publish(path, value, { precision: Number.isInteger(value) ? 0 : 6 });
    return;
  }
  ctx.publishRate(path, value);
}

async function queryWithFallback(connection: KeptConnection, sql: string, fallback: string): Promise<{ rows: Row[]; renamed: boolean }> {
  try {
    return { rows: await connection.query(sql), renamed: false };
  } catch (error) {
    if (!(error instanceof QueryError) || error.errno !== ER_PARSE_ERROR) throw error;
    return { rows: await connection.query(fallback), renamed: true };
  }
}

/** Every numeric column of a master or replica status row, under Diamond's (Master_) names. */
function publishStatusRow(ctx: Ctx, prefix: string, row: Row, renamed: boolean): void {
  for (const [column, raw] of Object.entries(row)) {
    const name = renamed ? column.replace(/Source/g, 'Master') : column;
    const value = numeric(raw);
    if (value !== undefined && !IGNORED.has(name)) publishValue(ctx, prefix, name, value);
  }
}

async function readServer(ctx: Ctx, connection: KeptConnection, warnedUnknown: Set<string>): Promise<void> {
  const { nickname } = connection.server;
  const prefix = nickname === '' ? '' : `${nickname}.`;
  const wanted = ctx.options.publish.flatMap((item) => item.split(/\s+/)).filter((item) => item !== '');
  const status = new Map<string, number>();
  for (const row of await connection.query('SHOW GLOBAL STATUS')) {
    const value = numeric(row.Value);
    if (value !== undefined) status.set(String(row.Variable_name), value);
  }
  for (const [name, value] of status) if (wanted.length === 0 || wanted.includes(name)) publishValue(ctx, prefix, name, value);
  for (const name of wanted) {
    if (status.has(name) || warnedUnknown.has(name)) continue;
    warnedUnknown.add(name);
    ctx.log.warn(`publish: ${connection.server.host} has no status row ${JSON.stringify(name)}; SHOW GLOBAL STATUS lists the names`);
  }

  const failures: string[] = [];
  const section = async (what: string, read: () => Promise<void>): Promise<void> => {
    try {
      await read();
    } catch (error) {
      failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const { variables } = ctx.options;
  if (variables.length > 0) {
    await section('variables', async () => {
      const rows = await connection.query(`SHOW GLOBAL VARIABLES WHERE Variable_name IN (${variables.map(() => '?').join(', ')})`, variables);
      for (const row of rows) {
        const value = numeric(row.Value);
        if (value !== undefined) ctx.publish(`${prefix}variables.${String(row.Variable_name)}`, value);
      }
    });
  }
  if (ctx.options.master) {
    await section('master status', async () => {
      const { rows, renamed } = await queryWithFallback(connection, 'SHOW MASTER STATUS', 'SHOW BINARY LOG STATUS');
      for (const row of rows) publishStatusRow(ctx, prefix, row, renamed);
    });
  }
  if (ctx.options.slave) {
    await section('replica status', async () => {
      const { rows, renamed } = await queryWithFallback(connection, 'SHOW SLAVE STATUS', 'SHOW REPLICA STATUS');
      for (const row of rows) publishStatusRow(ctx, prefix, row, renamed);
    });
  }
  if (ctx.options.innodb) {
    await section('innodb status (needs the PROCESS privilege)', async () => {
      const started = performance.now();
      const [row] = await connection.query('SHOW ENGINE INNODB STATUS');
      for (const [name, value] of parseInnodbStatus(String(row?.Status ?? ''))) {
        // InnoDB's row counters repeat SHOW GLOBAL STATUS rows; those stay as the status gave them.
        if (!status.has(name)) publishValue(ctx, prefix, name, value);
      }
      ctx.publish(`${prefix}Innodb_status_process_time`, (performance.now() - started) / 1000, { precision: 6 });
    });
  }
  if (failures.length > 0) throw new Error(`${failures.join('; ')}`);
}

export default defineCollector({
  name: 'mysql',
  description:
    "MySQL and MariaDB global status (counters as rates), selected variables, master and replica status and InnoDB status, with Diamond MySQLCollector's names.",
  path: 'mysql',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): MysqlResources {
    const timeoutMs = ctx.options.query_timeout * 1000;
    return { connections: configuredServers(ctx.options).map((server) => new KeptConnection(server, timeoutMs)), warnedUnknown: new Set() };
  },
  teardown({ connections }) {
    for (const connection of connections) connection.close();
  },
  collect(ctx, { connections, warnedUnknown }) {
    return readEachServer(
      ctx.signal,
      connections,
      (c) => c.close(),
      (c) => readServer(ctx, c, warnedUnknown),
    );
  },
});
