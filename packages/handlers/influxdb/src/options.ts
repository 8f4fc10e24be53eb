import { option } from '@spinel/sdk';
import { labelOptions } from '@spinel/plugin-kit';

export const options = {
  url: option.string('http://127.0.0.1:8086', 'InfluxDB base URL.'),
  api: option.enum(['v1', 'v2'], 'v1', 'v1: POST /write (database, retention_policy, username/password); v2: POST /api/v2/write (org, bucket, token).'),
  database: option.string('spinel', 'v1: database to write to.'),
  retention_policy: option.optionalString('v1: retention policy; default the database default.'),
  username: option.optionalString('v1: user name (with password).'),
  password: option.optionalString('v1: password.', { secret: true }),
  create_database: option.boolean(true, 'v1: CREATE DATABASE at start if it does not exist (needs the right to).'),
  org: option.optionalString('v2: organization.'),
  bucket: option.optionalString('v2: bucket.'),
  token: option.optionalString('v2: API token.', { secret: true }),
  precision: option.enum(['s', 'ms', 'us', 'ns'], 'ms', 'Timestamp precision written.'),
  gzip: option.boolean(false, 'Compress request bodies with gzip.'),
  timeout: option.number(10, 'Seconds allowed to connect, then for the response headers, then between body chunks.', { min: 0.1 }),
  ...labelOptions('tag', 'cpu: cpu.field*'),
};
