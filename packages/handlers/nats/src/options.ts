import { option } from '@spinel/sdk';
import { tlsOptions } from '@spinel/plugin-kit';

export const options = {
  servers: option.stringList(['nats://127.0.0.1:4222'], 'Server URLs.'),
  mode: option.enum(
    ['core', 'jetstream'],
    'core',
    'core: publish and flush (at most once, the server saw it); jetstream: publish to a stream and wait for its acknowledgement.',
  ),
  subject: option.string('spinel.{host}.{collector}', 'Subject template: {host}, {collector}, {name} (each made a single token).'),
  per: option.enum(['batch', 'sample'], 'batch', 'batch: one JSON array per subject and delivery; sample: one JSON object per sample.'),
  stream: option.string('SPINEL', 'jetstream: the stream that takes the subjects.'),
  create_stream: option.boolean(false, 'jetstream: create the stream at start if it does not exist (subjects: stream_subjects).'),
  stream_subjects: option.stringList(['spinel.>'], 'jetstream: subjects of a stream created by create_stream.'),
  user: option.optionalString('User name (with password).'),
  password: option.optionalString('Password.', { secret: true }),
  token: option.optionalString('Authentication token.', { secret: true }),
  ...tlsOptions,
  timeout: option.number(10, 'Seconds to connect, and for a delivery to be flushed or acknowledged.', { min: 0.1 }),
};
