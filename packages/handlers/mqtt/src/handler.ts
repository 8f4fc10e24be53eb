import { randomBytes } from 'node:crypto';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { defineHandler, PermanentDeliveryError } from '@spinel/sdk';
import { readTlsFiles, withTimeout } from '@spinel/plugin-kit';
import { messagesFor } from './messages.js';
import { options } from './options.js';

/** CONNACK reason codes that retrying cannot fix (MQTT 3.1.1: 4 bad credentials, 5 not authorized). */
const REFUSED = new Set([4, 5, 134, 135]);

export default defineHandler({
  name: 'mqtt',
  description: 'Publishes samples to an MQTT broker (per sample or per batch).',
  options,
  defaultWorker: 'own',
  create(ctx) {
    const o = ctx.options;
    const tls = readTlsFiles('mqtt', o);
    const clientOptions: IClientOptions = {
      clientId: o.client_id ?? `spinel-${ctx.hostname ?? 'host'}-${randomBytes(4).toString('hex')}`,
      username: o.username,
      password: o.password,
      connectTimeout: o.timeout * 1000,
      // The delivery core owns retries and the bounded queue; the client must not keep its own.
      reconnectPeriod: 0,
      queueQoSZero: false,
      ...tls,
      rejectUnauthorized: o.reject_unauthorized,
    };
    const qos = Number(o.qos) as 0 | 1 | 2;
    const where = new URL(o.url).host;
    let client: MqttClient | undefined;

    async function connected(): Promise<MqttClient> {
      if (client?.connected) return client;
      client?.end(true);
      const next = mqtt.connect(o.url, clientOptions);
      client = next;
      try {
        await withTimeout(
          new Promise<void>((resolve, reject) => {
            next.once('connect', () => resolve());
            next.once('error', (error) => reject(error));
            next.once('close', () => reject(new Error('connection closed')));
          }),
          o.timeout * 1000,
          `mqtt: connecting to ${where}`,
        );
        next.on('error', () => undefined); // later errors surface as a closed connection on the next publish
        return next;
      } catch (error) {
        next.end(true);
        client = undefined;
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'number' && REFUSED.has(code)) {
          throw new PermanentDeliveryError(`mqtt: ${where} refused the connection (${(error as Error).message}; check username and password)`);
        }
        throw new Error(`mqtt: cannot connect to ${where}: ${(error as Error).message}`, { cause: error });
      }
    }

    return {
      async process(batch) {
        const messages = messagesFor(batch, { mode: o.mode, topic: o.topic, batchTopic: o.batch_topic, prefix: o.prefix, payload: o.payload });
        if (messages.length === 0) return;
        const active = await connected();
        try {
          await withTimeout(
            Promise.all(messages.map((m) => active.publishAsync(m.topic, m.payload, { qos, retain: o.retain }))),
            o.timeout * 1000,
            `mqtt: publishing ${messages.length} messages to ${where}`,
          );
        } catch (error) {
          // A fresh connection for the retry: the old one's unacknowledged messages are dropped with it.
          active.end(true);
          client = undefined;
          throw error;
        }
      },
      close: () => new Promise<void>((resolve) => (client ? client.end(false, {}, () => resolve()) : resolve())),
    };
  },
});
