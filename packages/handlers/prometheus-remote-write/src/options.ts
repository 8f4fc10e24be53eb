import { option } from '@spinel/sdk';
import { labelOptions } from '@spinel/plugin-kit';

export const options = {
  url: option.string('http://127.0.0.1:9090/api/v1/write', 'Remote write endpoint.'),
  username: option.optionalString('Basic auth user name.'),
  password: option.optionalString('Basic auth password.', { secret: true }),
  bearer_token: option.optionalString('Bearer token (instead of basic auth).', { secret: true }),
  headers: option.stringMap('Extra HTTP headers (e.g. X-Scope-OrgID for Mimir).'),
  timeout: option.number(30, 'Seconds allowed to connect, then for the response headers, then between body chunks.', { min: 0.1 }),
  ...labelOptions('label', 'cpu: cpu.field*'),
};
