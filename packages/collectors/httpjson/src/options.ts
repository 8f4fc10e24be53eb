import { option } from '@spinel/sdk';

// Diamond's HTTPJSONCollector options, plus a deadline and a bound on how many values one
// document may turn into (a document that grows a list per user must not grow the agent).
export const options = {
  url: option.string('http://localhost/stat', 'URL of the JSON document.'),
  headers: option.stringMap('Request headers (an API key, a Host); their values are secrets, redacted in `spinel config print` and in messages.', {
    secret: true,
  }),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
  max_response_mb: option.number(
    4,
    'Largest document read, in MB; reading stops there and the run fails, naming the cap (the worker keeps the memory of the largest answer it read).',
    { min: 0.01 },
  ),
  max_values: option.number(2000, 'Most values published from one document; past it the rest are dropped and the run says how many.', {
    min: 1,
    integer: true,
  }),
};
