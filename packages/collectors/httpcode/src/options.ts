import { option } from '@spinel/sdk';

// The Metricly agent's HttpCodeCollector options (netuitive-diamond's httpcode.py), with the
// bounds it lacked: urllib2 waited for ever and followed up to 10 redirects.
export const options = {
  req_url: option.stringList(['http://localhost/'], 'URLs to request; each publishes the status code it answers.'),
  headers: option.stringMap('Request headers (Diamond sends `User-Agent: Diamond HTTP collector`).'),
  request_timeout: option.number(5, 'Seconds to wait for a connection or the response headers.', { min: 0.1 }),
  max_redirects: option.number(10, "Redirects followed, as urllib2 does (10); the code published is the last answer's. 0 publishes the redirect's own code.", {
    min: 0,
    max: 20,
    integer: true,
  }),
  verify_tls: option.boolean(
    false,
    'Check https certificates. Off, as the Metricly collector: only the status code is read, and a host with a self-signed certificate still answers one.',
  ),
};
