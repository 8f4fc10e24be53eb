import { option } from '@spinel/sdk';

export const options = {
  url: option.string('http://localhost:8222', "The server's monitoring address (nats-server `-m 8222`, or `http_port` in its config)."),
  jetstream: option.boolean(
    true,
    'Also read /jsz: streams, consumers, messages and storage, when the server runs JetStream (a server without it publishes none).',
  ),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
  max_response_mb: option.number(8, 'Largest monitoring answer read, in MB; reading stops there and the run fails, naming the cap.', { min: 0.01 }),
};
