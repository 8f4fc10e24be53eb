import { randomBytes } from 'node:crypto';
import { errorReason } from '@spinel/plugin-kit';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { SpinelError } from '@spinel/sdk';
import { sysMetric, SYS_PREFIX } from './sys-topics.js';

/** MQTT CONNACK codes that mean the credentials (or the client) were refused, not a network fault. */
const REFUSED_CODES = new Set([4, 5, 134, 135]);
/** Retained $SYS values follow the SUBACK at once; this long after it, the first run may read them. */
const SETTLE_MS = 150;
/** A broker publishes a fixed set of $SYS topics; bridges and plugins add some. This bounds them. */
const MAX_TOPICS = 1000;

export interface SubscriptionOptions {
  url: string;
  clientOptions: IClientOptions;
  timeoutMs: number;
}

/**
 * One connection and one `$SYS/broker/#` subscription kept across runs (the broker sees one
 * client, not one per run). The newest value of each topic is kept; a run reads them. A lost
 * connection is not retried in the background: the next run reconnects (and the kept values are
 * dropped with the old connection, so nothing stale is published).
 */
export class SysSubscription {
  private client: MqttClient | undefined;
  private connecting: Promise<void> | undefined;
  private readonly latest = new Map<string, number>();
  private readonly where: string;

  constructor(private readonly options: SubscriptionOptions) {
    const url = new URL(options.url);
    this.where = `${url.protocol}//${url.host}`;
  }

  /** The newest value of every numeric $SYS topic, after (re)connecting if need be. */
  async values(signal: AbortSignal): Promise<ReadonlyMap<string, number>> {
    if (!this.client?.connected) {
      this.drop();
      this.connecting ??= this.connect(signal).finally(() => (this.connecting = undefined));
      await this.connecting;
    }
    return this.latest;
  }

  close(): void {
    this.drop();
  }

  private async connect(signal: AbortSignal): Promise<void> {
    const user = this.options.clientOptions.username;
    const who = `${this.where}${user ? ` (user ${user})` : ''}`;
    const client = mqtt.connect(this.options.url, {
      clientId: `spinel-sys-${randomBytes(4).toString('hex')}`,
      ...this.options.clientOptions,
      // Our own timer ends the wait (with a clearer message); mqtt.js's is only a backstop.
      connectTimeout: this.options.timeoutMs + 1000,
      reconnectPeriod: 0,
      clean: true,
    });
    this.client = client;
    client.on('message', (topic, payload) => {
      const metric = sysMetric(topic, payload.toString('utf8'));
      if (metric && (this.latest.has(metric.name) || this.latest.size < MAX_TOPICS)) this.latest.set(metric.name, metric.value);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no CONNACK within ${this.options.timeoutMs / 1000} s`)), this.options.timeoutMs);
        const abort = (): void => reject(new Error('the run deadline passed'));
        signal.addEventListener('abort', abort, { once: true });
        const settle = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', abort);
        };
        client.once('connect', () => {
          client.subscribe(`${SYS_PREFIX}#`, { qos: 0 }, (error) => {
            settle();
            if (error) reject(error);
            else setTimeout(resolve, SETTLE_MS);
          });
        });
        client.once('error', (error) => {
          settle();
          reject(error);
        });
        client.once('close', () => {
          settle();
          reject(new Error('the broker closed the connection'));
        });
      });
      client.on('error', () => undefined); // a later failure shows as !connected on the next run
    } catch (error) {
      this.drop();
      const code = (error as { code?: unknown }).code;
      const reason = typeof code === 'number' && REFUSED_CODES.has(code) ? `${(error as Error).message} (check username and password)` : errorReason(error);
      throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `cannot subscribe to $SYS/broker/# at ${who}: ${reason}`, { cause: error });
    }
  }

  private drop(): void {
    this.latest.clear();
    const client = this.client;
    this.client = undefined;
    client?.removeAllListeners('message');
    client?.end(true);
  }
}
