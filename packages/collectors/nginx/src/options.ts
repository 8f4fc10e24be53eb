import { option } from '@spinel/sdk';

// Diamond's NginxCollector options; its fixed urllib2 timeout is `request_timeout` here (every
// collector entry already takes `timeout`, the run's deadline).
export const options = {
  req_host: option.string('localhost', 'Host of the status page.'),
  req_port: option.number(8080, 'Port of the status page.', { min: 1, max: 65535, integer: true }),
  req_path: option.string('/nginx_status', 'Path of the `stub_status` location.'),
  req_ssl: option.boolean(false, 'Use https.'),
  req_host_header: option.optionalString('Host header to send (a name-based virtual host, or the name a TLS certificate is for).'),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
};
