import { option } from '@spinel/sdk';
import { tlsOptions } from '@spinel/plugin-kit';

export const options = {
  url: option.string('mqtt://localhost:1883', 'Broker URL: mqtt://, mqtts://, ws:// or wss://.'),
  username: option.optionalString('User name, when the broker requires one.'),
  password: option.optionalString('Password of `username`.', { secret: true }),
  client_id: option.optionalString('MQTT client id (default `spinel-sys-<host>-<random>`).'),
  connect_timeout: option.number(5, 'Seconds to wait for the broker to accept the connection and the subscription.', { min: 0.1 }),
  ...tlsOptions,
  reject_unauthorized: option.boolean(true, 'TLS: refuse a broker certificate the CA does not vouch for.'),
};
