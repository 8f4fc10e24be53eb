import { defineCollector } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import type { SnmpValue } from './client.js';
import { closeDevices, openDevices, readDevices, type Device } from './devices.js';
import { options } from './options.js';

/** The fork's naming: the configured OID at the front of an answered OID becomes its name. */
export function publishedName(device: string, oid: string, name: string, answered: string): string {
  const rest = answered.startsWith(oid) ? answered.slice(oid.length) : `.${answered}`;
  return `devices.${device.replaceAll('.', '_')}.${name}${rest}`;
}

export default defineCollector({
  name: 'snmp',
  description: "Values of chosen OIDs from SNMPv2c devices, by get or by walk (the Metricly agent's SNMPCollector).",
  path: 'snmp',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): Device[] {
    return openDevices(ctx.options.devices, ctx.options.request_timeout, ctx.options.retries);
  },
  teardown: closeDevices,
  collect(ctx, devices) {
    return readDevices(devices, ctx.signal, async (device) => {
      const gets = Object.keys(device.rules.oids).filter((oid) => !oid.endsWith('.*'));
      const answers: Array<[oid: string, values: SnmpValue[]]> = gets.length > 0 ? [['', await device.client.get(gets, ctx.signal)]] : [];
      for (const walked of Object.keys(device.rules.oids).filter((oid) => oid.endsWith('.*')))
        answers.push([walked, await device.client.walk(walked.slice(0, -2), ctx.options.max_values, ctx.signal)]);
      for (const [walked, values] of answers) {
        for (const { oid, value } of values) {
          const root = walked ? walked.slice(0, -2) : oid;
          const name = device.rules.oids[walked || oid];
          if (value !== undefined && name !== undefined)
            ctx.publish(publishedName(device.name, root, name, oid), value, { precision: Number.isInteger(value) ? 0 : 6 });
        }
      }
    });
  },
});
