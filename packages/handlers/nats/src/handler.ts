import { connect, type ConnectionOptions, type NatsConnection } from 'nats';
import { defineHandler, PermanentDeliveryError } from '@spinel/sdk';
import { readTlsFiles, withTimeout } from '@spinel/plugin-kit';
import { messagesFor } from './messages.js';
import { options } from './options.js';

const AUTH_ERRORS = new Set(['AUTHORIZATION_VIOLATION', 'AUTHENTICATION_EXPIRED']);

export default defineHandler({
  name: 'nats',
  description: 'Publishes samples to NATS (core, flushed) or JetStream (acknowledged).',
  options,
  defaultWorker: 'own',
  create(ctx) {
    const o = ctx.options;
    const files = readTlsFiles('nats', o);
    const tls =
      files && (o.ca || o.cert) ? { ca: files.ca?.toString('utf8'), cert: files.cert?.toString('utf8'), key: files.key?.toString('utf8') } : undefined;
    const connectOptions: ConnectionOptions = {
      servers: o.servers,
      user: o.user,
      pass: o.password,
      token: o.token,
      timeout: o.timeout * 1000,
      // The delivery core owns retries and the bounded queue: the client neither reconnects nor buffers.
      reconnect: false,
      ...(tls ? { tls } : {}),
    };
    const where = o.servers.join(', ');
    const timeoutMs = o.timeout * 1000;
    let connection: NatsConnection | undefined;
    let streamChecked = false;

    async function connected(): Promise<NatsConnection> {
      if (connection && !connection.isClosed()) return connection;
      try {
        connection = await connect(connectOptions);
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (AUTH_ERRORS.has(code) || /authorization/i.test((error as Error).message)) {
          throw new PermanentDeliveryError(`nats: ${where} refused the credentials (${(error as Error).message}; check user and password or token)`);
        }
        throw new Error(`nats: cannot connect to ${where}: ${(error as Error).message}`, { cause: error });
      }
      if (o.mode === 'jetstream' && !streamChecked) {
        const manager = await connection.jetstreamManager();
        try {
          await manager.streams.info(o.stream);
        } catch {
          if (!o.create_stream) throw new PermanentDeliveryError(`nats: stream ${o.stream} does not exist on ${where}; create it or set create_stream: true`);
          await manager.streams.add({ name: o.stream, subjects: o.stream_subjects });
          ctx.log.info(`nats: created stream ${o.stream} for ${o.stream_subjects.join(', ')}`);
        }
        streamChecked = true;
      }
      return connection;
    }

    return {
      async process(batch) {
        const messages = messagesFor(batch, o.subject, o.per);
        if (messages.length === 0) return;
        const nc = await connected();
        try {
          if (o.mode === 'jetstream') {
            const js = nc.jetstream({ timeout: timeoutMs });
            // Each message acknowledged by the stream; a failure fails the delivery, which is retried whole.
            for (const m of messages) await js.publish(m.subject, new TextEncoder().encode(m.data));
          } else {
            for (const m of messages) nc.publish(m.subject, new TextEncoder().encode(m.data));
            await withTimeout(nc.flush(), timeoutMs, `nats: flushing ${messages.length} messages to ${where}`);
          }
        } catch (error) {
          await nc.close().catch(() => undefined);
          connection = undefined;
          throw error instanceof PermanentDeliveryError
            ? error
            : new Error(`nats: publishing to ${where} failed: ${(error as Error).message}`, { cause: error });
        }
      },
      close: async () => {
        await connection?.drain().catch(() => undefined);
      },
    };
  },
});
