import { option } from '@spinel/sdk';
import { labelOptions } from '@spinel/plugin-kit';

export const options = {
  listen: option.string('127.0.0.1', 'Address the scrape endpoint binds to; 0.0.0.0 exposes it to the network.'),
  port: option.number(9273, 'Port of the scrape endpoint.', { min: 1, max: 65535, integer: true }),
  path: option.string('/metrics', 'Path of the scrape endpoint.'),
  max_connections: option.number(16, 'Scrapers connected at once; a connection past it is closed as it arrives (the first of each minute is logged).', {
    min: 1,
    integer: true,
  }),
  idle_timeout: option.number(60, 'Seconds a scraper connection may stay idle before it is closed.', { min: 1 }),
  expiration: option.number(
    0,
    'Seconds after which a series no longer updated disappears; 0 means two of its collector intervals (as seen from its samples).',
    { min: 0 },
  ),
  max_series: option.number(100_000, 'Series kept at most; past it the least recently updated go first.', { min: 1, integer: true }),
  ...labelOptions('label', 'network: interface.field*'),
};
