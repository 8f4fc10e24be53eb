import { option } from '@spinel/sdk';

// Diamond's KafkaCollector options, with the bounds it lacked.
export const options = {
  host: option.string('127.0.0.1', "Host of Kafka's MX4J HTTP adaptor."),
  port: option.number(8082, 'Its port.', { min: 1, max: 65535, integer: true }),
  query_paths: option.stringList(['*kafka*:*'], 'MBean name patterns to read (JMX query syntax); the JVM garbage collectors and threads are always read too.'),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
  max_response_mb: option.number(4, 'Largest answer read; a larger one fails the run.', { min: 0.001 }),
  max_mbeans: option.number(
    2000,
    "Most MBeans read a run (one request each, as Diamond did); a broker with more (a partition's logs are one each) fails the run, naming the limit: narrow query_paths.",
    { min: 1, integer: true },
  ),
};
