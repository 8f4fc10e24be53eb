import { option } from '@spinel/sdk';

// The Metricly fork's PuppetDBCollector options, with the bounds it lacked.
export const options = {
  host: option.string('localhost', "PuppetDB's host (its plain HTTP port, which serves the metrics and query APIs)."),
  port: option.number(8080, 'Its HTTP port.', { min: 1, max: 65535, integer: true }),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
  max_response_mb: option.number(8, "Largest answer read (the latest reports' events are the large one); a larger one fails the run.", { min: 0.001 }),
};
