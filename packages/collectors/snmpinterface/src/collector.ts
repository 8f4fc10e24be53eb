import { convertBytes, defineCollector, MAX_COUNTER, type CollectContext } from '@spinel/sdk';
import { closeDevices, numberOf, openDevices, readDevices, textOf, type Device } from '@spinel/collector-snmp';
import { catalogue } from './catalogue.js';
import { COUNTER_COLUMNS, GAUGE_COLUMNS, IF_INDEX, IF_NAME, IF_TYPE, interfaceSegment } from './if-mib.js';
import { options } from './options.js';

/** One device: its interfaces of the wanted types, each read in one GET of its name and figures. */
async function readDevice(ctx: CollectContext<typeof options>, device: Device): Promise<void> {
  const o = ctx.options;
  const indexes = (await device.client.walk(IF_INDEX, o.max_interfaces, ctx.signal)).flatMap(({ value }) => (value === undefined ? [] : [String(value)]));
  const types = new Set(o.interface_types);
  for (const index of indexes) {
    const columns = { type: IF_TYPE, name: IF_NAME, ...GAUGE_COLUMNS, ...COUNTER_COLUMNS };
    const answers = new Map(
      (
        await device.client.getRaw(
          Object.values(columns).map((oid) => `${oid}.${index}`),
          ctx.signal,
        )
      ).map((vb) => [vb.oid, vb]),
    );
    const at = (oid: string) => answers.get(`${oid}.${index}`);
    const type = at(IF_TYPE);
    const name = at(IF_NAME);
    if (!type || !name || !types.has(textOf(type) ?? '')) continue;
    const base = `devices.${device.name}.${ctx.collectorPath}.${interfaceSegment(textOf(name) ?? index)}`;
    const numberAt = (oid: string): number | undefined => {
      const vb = at(oid);
      return vb ? numberOf(vb) : undefined;
    };
    for (const [figure, oid] of Object.entries(GAUGE_COLUMNS)) {
      const value = numberAt(oid);
      if (value !== undefined) ctx.publish(`${base}.${figure}`, value, { type: 'counter' });
    }
    for (const [figure, oid] of Object.entries(COUNTER_COLUMNS)) {
      const value = numberAt(oid);
      if (value === undefined) continue;
      if (figure.endsWith('Octets')) {
        for (const unit of o.byte_unit)
          ctx.publishRate(`${base}.${figure.replace('Octets', unit)}`, convertBytes(value, 'byte', unit), {
            derivative: { max: convertBytes(MAX_COUNTER, 'byte', unit) },
          });
      } else ctx.publishRate(`${base}.${figure}`, value, { derivative: { max: MAX_COUNTER } });
    }
  }
}

export default defineCollector({
  name: 'snmpinterface',
  description:
    "Interface traffic, packets, errors and discards of SNMPv2c devices from IF-MIB (Diamond SNMPInterfaceCollector's names: traffic and packets as rates, errors and discards as totals).",
  path: 'interface',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): Device[] {
    return openDevices(ctx.options.devices, ctx.options.request_timeout, ctx.options.retries);
  },
  teardown: closeDevices,
  collect(ctx, devices) {
    return readDevices(devices, ctx.signal, (device) => readDevice(ctx, device));
  },
});
