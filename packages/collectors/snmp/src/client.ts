import snmp from 'net-snmp';

// net-snmp: a maintained pure-JavaScript SNMP stack (v1/v2c/v3, GETBULK walks), so the collector
// needs no native module and no net-snmp command-line tools on the host.

export interface SnmpTarget {
  host: string;
  port: number;
  community: string;
  timeoutMs: number;
  retries: number;
}

/** One variable as the agent answered it: its OID and its value as a number, when it is one. */
export interface SnmpValue {
  oid: string;
  /** Integers, counters (64-bit ones too), gauges, time ticks, and strings that hold a number (UCD's load averages); undefined otherwise. */
  value: number | undefined;
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A variable's value as a number, when it is one (see {@link SnmpValue}). */
export function numberOf(varbind: snmp.Varbind): number | undefined {
  const { type, value } = varbind;
  if (type === snmp.ObjectType.Counter64 && Buffer.isBuffer(value)) return Number(value.length === 0 ? 0n : BigInt(`0x${value.toString('hex')}`));
  if (typeof value === 'number') return value;
  if (type === snmp.ObjectType.OctetString && Buffer.isBuffer(value)) {
    const text = value.toString('latin1');
    return NUMERIC_TEXT.test(text) ? Number(text) : undefined;
  }
  return undefined;
}

/** Text of a value (interface names), or undefined. */
export function textOf(varbind: snmp.Varbind): string | undefined {
  return Buffer.isBuffer(varbind.value) ? varbind.value.toString('utf8') : typeof varbind.value === 'number' ? String(varbind.value) : undefined;
}

/** One SNMPv2c device: a UDP session kept across runs, gets and bounded walks. */
export class SnmpDevice {
  private readonly session: snmp.Session;

  constructor(readonly target: SnmpTarget) {
    this.session = snmp.createSession(target.host, target.community, {
      port: target.port,
      timeout: target.timeoutMs,
      retries: target.retries,
      version: snmp.Version2c,
      backoff: 1,
    });
    // A late answer after close, or an unreachable port, must not end the worker.
    this.session.on('error', () => undefined);
  }

  /** The variables of `oids` (missing ones left out: noSuchObject, noSuchInstance). */
  getRaw(oids: readonly string[], signal: AbortSignal): Promise<snmp.Varbind[]> {
    return abortable(signal, (resolve, reject) =>
      this.session.get([...oids], (error, varbinds) => {
        if (error) reject(error);
        else resolve((varbinds ?? []).filter((vb) => !snmp.isVarbindError(vb)));
      }),
    );
  }

  async get(oids: readonly string[], signal: AbortSignal): Promise<SnmpValue[]> {
    return (await this.getRaw(oids, signal)).map((vb) => ({ oid: vb.oid, value: numberOf(vb) }));
  }

  /** Every variable under `oid`, at most `limit` (then the walk fails, naming the limit). */
  walkRaw(oid: string, limit: number, signal: AbortSignal): Promise<snmp.Varbind[]> {
    return abortable(signal, (resolve, reject) => {
      const found: snmp.Varbind[] = [];
      let over = false;
      this.session.subtree(
        oid,
        20,
        (varbinds: snmp.Varbind[]) => {
          for (const vb of varbinds) if (!snmp.isVarbindError(vb)) found.push(vb);
          over = found.length > limit;
          return over;
        },
        (error: Error | null) => {
          if (error) reject(error);
          else if (over) reject(new Error(`walk of ${oid} passed max_values (${limit})`));
          else resolve(found);
        },
      );
    });
  }

  async walk(oid: string, limit: number, signal: AbortSignal): Promise<SnmpValue[]> {
    return (await this.walkRaw(oid, limit, signal)).map((vb) => ({ oid: vb.oid, value: numberOf(vb) }));
  }

  close(): void {
    this.session.close();
  }
}

/** A request that ends with the run: its deadline rejects it, the session's own timeout ends the request. */
function abortable<T>(signal: AbortSignal, start: (resolve: (value: T) => void, reject: (error: unknown) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    start(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
