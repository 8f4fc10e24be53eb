import { option } from '@spinel/sdk';

// Diamond's HttpCollector options, with the bounds it lacked: urllib2 waited for ever and read
// a page of any size.
export const options = {
  req_url: option.stringList(['http://localhost/'], 'URLs to fetch; each publishes the time its page took and its size.'),
  req_vhost: option.string('', "Host header for every request (a name-based virtual host); empty sends the URL's own."),
  headers: option.stringMap('Request headers (Diamond sends `User-Agent: Diamond HTTP collector`).'),
  request_timeout: option.number(10, 'Seconds to wait for a connection, the response headers, or between parts of the body.', { min: 0.1 }),
  max_response_mb: option.number(16, 'Largest page read; a larger one fails that URL (Diamond read any size).', { min: 0.001 }),
  max_redirects: option.number(10, "Redirects followed, as urllib2 does (10); time and size are the whole chain's and the last page's.", {
    min: 0,
    max: 20,
    integer: true,
  }),
};
