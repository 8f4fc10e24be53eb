import { option } from '@spinel/sdk';

// Diamond's HttpdCollector options. `urls` entries are `nickname url` or a bare `url` (published
// without a nickname); `url`, when set, is one more bare entry, as Diamond appends it.
export const options = {
  urls: option.stringList(
    ['localhost http://localhost:8080/server-status?auto'],
    'Status pages in `?auto` format, each `nickname URL` (the nickname is a path segment) or a bare `URL` (no segment).',
  ),
  url: option.optionalString('One more status page, published without a nickname (Diamond appends it to `urls`).'),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
};
