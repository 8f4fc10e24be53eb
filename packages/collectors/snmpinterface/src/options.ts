import { BYTE_UNITS, option } from '@spinel/sdk';
import { parseDevice, type DeviceRules } from '@spinel/collector-snmp';

// Diamond SNMPInterfaceCollector's options (its SNMPCollector base's devices, timeout, retries).
export const options = {
  devices: option.mapping<DeviceRules>(
    {},
    "Devices by name (Diamond's `[devices]` subsections): each `host`, `port` (161) and `community` (public).",
    'mapping of devices',
    (raw) => parseDevice(raw, false),
  ),
  byte_unit: option.enumList(BYTE_UNITS, ['bit', 'byte'], 'Units in which ifHCInOctets and ifHCOutOctets are published (ifHCIn<unit>, ifHCOut<unit>).'),
  interface_types: option.stringList(
    ['6'],
    "IF-MIB ifType numbers of the interfaces read (Diamond's IF_TYPES: 6, ethernetCsmacd); add 24 for loopback, 131 for tunnels, 161 for LACP bonds.",
  ),
  request_timeout: option.number(
    5,
    "Seconds to wait for each answer (Diamond's `timeout`, which `spinel config import` renames: `timeout` is every collector's run deadline).",
    { min: 0.1 },
  ),
  retries: option.number(3, 'Requests sent again before a device is given up for the run.', { min: 0, integer: true }),
  max_interfaces: option.number(4096, 'Most interfaces read from one device; a larger table fails that device for the run.', { min: 1, integer: true }),
};
