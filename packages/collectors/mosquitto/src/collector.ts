import { defineCollector } from '@spinel/sdk';
import { readTlsFiles } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { SysSubscription } from './subscription.js';
import { COUNTERS } from './sys-topics.js';

export default defineCollector({
  name: 'mosquitto',
  description: 'Mosquitto broker clients, messages, bytes, load averages and stored messages, from one kept $SYS/broker/# subscription.',
  path: 'mosquitto',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): SysSubscription {
    const o = ctx.options;
    const tls = readTlsFiles('mosquitto', o);
    return new SysSubscription({
      url: o.url,
      timeoutMs: o.connect_timeout * 1000,
      clientOptions: {
        ...(o.client_id ? { clientId: o.client_id } : {}),
        username: o.username,
        password: o.password,
        ...tls,
        rejectUnauthorized: o.reject_unauthorized,
      },
    });
  },
  teardown(subscription) {
    subscription.close();
  },
  async collect(ctx, subscription) {
    for (const [name, value] of await subscription.values(ctx.signal)) {
      if (!COUNTERS.has(name)) {
        ctx.publish(name, value, { precision: Number.isInteger(value) ? 0 : 2 });
        continue;
      }
      ctx.publishRate(name, value);
    }
  },
});
