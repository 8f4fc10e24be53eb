import { option } from '@spinel/sdk';

export const options = {
  url: option.string('http://localhost:9100/metrics', 'The endpoint to scrape (node_exporter listens on 9100).'),
  include: option.regexList([], 'Metric names to publish (regular expressions matched at the start); empty: all.'),
  exclude: option.regexList([], 'Metric names not to publish (regular expressions matched at the start).'),
  templates: option.stringMap(
    "Per metric-name prefix (the part before the first `_`, as Spinel's prometheus handler writes `<collector path>_<field>`), a template that builds a Diamond path: dot-separated `measurement`, `field` (the rest of the name), `field*`, label names (their values) and `_`. `{ cpu: 'cpu.field*' }` reads `cpu_user{cpu=\"cpu0\"}` back as `cpu.cpu0.user`. Metrics without a template are named `<metric>.<label values>` with their labels as dimensions.",
  ),
  max_series: option.number(
    5000,
    'Most series published per scrape; the rest are dropped (said once in a warning), so an endpoint whose label values grow cannot grow the agent.',
    { min: 1, integer: true },
  ),
  max_response_mb: option.number(32, 'Largest answer read, in MB (node_exporter serves well under 1); reading stops there and the run fails, naming the cap.', {
    min: 0.01,
  }),
  headers: option.stringMap('Request headers (a bearer token); their values are secrets.', { secret: true }),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
};
