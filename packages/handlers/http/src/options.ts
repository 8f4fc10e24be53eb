import { option } from '@spinel/sdk';

export const options = {
  url: option.requiredString('Where batches are POSTed.'),
  format: option.enum(
    ['json', 'diamond'],
    'json',
    "json: an array of {path, name, value, timestamp, type, host, collector, dimensions}; diamond: Diamond's HttpPostHandler body, `path value timestamp` lines.",
  ),
  headers: option.stringMap('Extra request headers.'),
  username: option.optionalString('Basic auth user name.'),
  password: option.optionalString('Basic auth password.', { secret: true }),
  bearer_token: option.optionalString('Bearer token (instead of basic auth).', { secret: true }),
  gzip: option.boolean(false, 'Compress bodies with gzip.'),
  timeout: option.number(10, 'Seconds allowed to connect, then for the response headers, then between body chunks.', { min: 0.1 }),
};
