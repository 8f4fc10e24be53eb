import { defineCollector, SpinelError } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { SnmpDevice, type SnmpValue } from './client.js';
import { options, type DeviceRules } from './options.js';

interface Device {
  name: string;
  rules: DeviceRules;
  client: SnmpDevice;
}

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
    const o = ctx.options;
    return Object.entries(o.devices).map(([name, rules]) => ({ name, rules, client: new SnmpDevice({ host: rules.host, port: rules.port, community: rules.community, timeoutMs: o.request_timeout * 1000, retries: o.retries }) }));
  },
  teardown(devices) {
    for (const device of devices) device.client.close();
  },
  async collect(ctx, devices) {
    const failures: string[] = [];
    await Promise.all(
      devices.map(async (device) => {
        try {
          const gets = Object.keys(device.rules.oids).filter((oid) => !oid.endsWith('.*'));
          const answers: Array<[oid: string, values: SnmpValue[]]> = gets.length > 0 ? [['', await device.client.get(gets, ctx.signal)]] : [];
          for (const walked of Object.keys(device.rules.oids).filter((oid) => oid.endsWith('.*'))) answers.push([walked, await device.client.walk(walked.slice(0, -2), ctx.options.max_values, ctx.signal)]);
          for (const [walked, values] of answers) {
            for (const { oid, value } of values) {
              const root = walked ? walked.slice(0, -2) : oid;
              const name = device.rules.oids[walked || oid];
              if (value !== undefined && name !== undefined) ctx.publish(publishedName(device.name, root, name, oid), value, { precision: Number.isInteger(value) ? 0 : 6 });
            }
          }
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          failures.push(`device ${device.name} (${device.rules.host}:${device.rules.port}): ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});
