import { option } from '@spinel/sdk';

// Diamond's FlumeCollector options; `request_timeout` and `max_response_mb` are the bounds it lacked.
export const options = {
  req_host: option.string('localhost', "Host of Flume's HTTP monitoring (`-Dflume.monitoring.type=http`)."),
  req_port: option.number(41414, 'Its port (`-Dflume.monitoring.port`).', { min: 1, max: 65535, integer: true }),
  req_path: option.string('/metrics', 'Path of the JSON metrics.'),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
  max_response_mb: option.number(4, 'Largest answer read; a larger one fails the run.', { min: 0.001 }),
};
