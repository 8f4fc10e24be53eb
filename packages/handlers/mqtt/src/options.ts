import { option } from '@spinel/sdk';
import { tlsOptions } from '@spinel/plugin-kit';

export const options = {
  url: option.string('mqtt://127.0.0.1:1883', 'Broker URL (mqtt://, mqtts://, ws://, wss://).'),
  mode: option.enum(['sample', 'batch'], 'sample', 'sample: one message per sample on `topic`; batch: one JSON message per delivery on `batch_topic`.'),
  topic: option.string('{path}', "Topic of a sample: {path} (Diamond's MQTTHandler, dots become slashes), {host}, {collector}, {name}."),
  batch_topic: option.string('spinel/{host}/batch', 'Topic of a batch message: {host}.'),
  prefix: option.string('', 'Prepended to every topic (Diamond: `prefix`).'),
  payload: option.enum(['diamond', 'json'], 'diamond', "A sample's payload: diamond: `value timestamp`; json: {path, value, timestamp, dimensions}."),
  qos: option.enum(['0', '1', '2'], '1', 'MQTT QoS. With 1 and 2 a batch counts as delivered only once the broker acknowledged every message.'),
  retain: option.boolean(false, 'Set the retain flag (the broker keeps the last message of each topic).'),
  username: option.optionalString('User name.'),
  password: option.optionalString('Password.', { secret: true }),
  client_id: option.optionalString('Client id; default spinel-<host>-<random>.'),
  ...tlsOptions,
  reject_unauthorized: option.boolean(true, 'TLS: refuse a broker whose certificate does not verify.'),
  timeout: option.number(10, 'Seconds to connect, and for a batch to be acknowledged.', { min: 0.1 }),
};
