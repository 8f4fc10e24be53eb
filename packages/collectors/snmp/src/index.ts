export { default, publishedName } from './collector.js';
export { catalogue } from './catalogue.js';
export { options, parseDevice, type DeviceRules } from './options.js';
export { numberOf, SnmpDevice, textOf, type SnmpTarget, type SnmpValue } from './client.js';
export { closeDevices, openDevices, readDevices, type Device } from './devices.js';
