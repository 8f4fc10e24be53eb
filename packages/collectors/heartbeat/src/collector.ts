import { defineCollector } from '@spinel/sdk';
import { catalogue, checks } from './catalogue.js';
import { options } from './options.js';

export default defineCollector({
  name: 'heartbeat',
  description:
    "A check-in named `heartbeat` every run: Metricly raises an alarm when the agent stops checking in (the Metricly agent's HeartbeatCollector). Publishes no metrics.",
  path: 'heartbeat',
  options,
  catalogue,
  checks,
  defaultWorker: 'system',
  collect(ctx) {
    ctx.check('heartbeat', ctx.options.ttl);
  },
});
