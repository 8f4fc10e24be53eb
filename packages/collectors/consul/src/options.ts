import { option } from '@spinel/sdk';

// The Metricly fork's ConsulCollector option, an ACL token it lacked, and the bounds.
export const options = {
  url: option.string('http://localhost:8500', "The Consul agent's HTTP API."),
  token: option.string('', 'An ACL token sent as X-Consul-Token (node:read, service:read and agent:read), when Consul requires one.', { secret: true }),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
  max_response_mb: option.number(8, 'Largest answer read; a larger one fails the run.', { min: 0.001 }),
  max_requests: option.number(
    1000,
    'Most health requests a run makes (one a node and one a service, as the fork did); a catalog larger than that fails the run, naming the limit.',
    { min: 1, integer: true },
  ),
};
