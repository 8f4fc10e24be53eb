import { option } from '@spinel/sdk';

export const STATS = ['jvm', 'core', 'response', 'query', 'update', 'cache'] as const;

// Diamond's SolrCollector options; `request_timeout` and `max_response_mb` are the bounds it lacked.
export const options = {
  host: option.string('localhost', 'Host of Solr.'),
  port: option.number(8983, 'Its port.', { min: 1, max: 65535, integer: true }),
  core: option.optionalString('The one core to read (default: every core the cores API lists).'),
  stats: option.enumList(STATS, [...STATS], 'What to read: jvm (memory), core (searcher), response (ping), query and update (handlers), cache.'),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
  max_response_mb: option.number(8, 'Largest answer read (the mbeans document is the large one); a larger one fails the run.', { min: 0.001 }),
};
