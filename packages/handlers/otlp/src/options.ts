import { option } from '@spinel/sdk';
import { labelOptions } from '@spinel/plugin-kit';

export const options = {
  endpoint: option.string('http://127.0.0.1:4318/v1/metrics', 'OTLP/HTTP metrics endpoint (a collector, or a backend that takes OTLP).'),
  encoding: option.enum(['protobuf', 'json'], 'protobuf', 'Request body: application/x-protobuf or application/json.'),
  headers: option.stringMap('Extra headers (API keys, tenants).'),
  resource_attributes: option.stringMap('Resource attributes added to host.name, os.type and service.name (e.g. deployment.environment: prod).'),
  gzip: option.boolean(false, 'Compress bodies with gzip.'),
  timeout: option.number(10, 'Seconds allowed to connect, then for the response headers, then between body chunks.', { min: 0.1 }),
  templates: labelOptions('attribute').templates,
};
