import { option } from '@spinel/sdk';

export const options = {
  region: option.optionalString('AWS region; default AWS_REGION, then AWS_DEFAULT_REGION.'),
  namespace: option.string('Spinel', 'CloudWatch namespace of every metric (must not start with `AWS/`).'),
  endpoint: option.optionalString('Endpoint URL; default https://monitoring.<region>.amazonaws.com (set it for a VPC endpoint or a test double).'),
  host_dimension: option.string('Host', "Dimension that carries the sample's host name; empty leaves the host out."),
  storage_resolution: option.enum(['60', '1'], '60', 'Seconds: 60 for standard resolution, 1 for high resolution metrics.'),
  access_key_id: option.optionalString('Static credentials; default the standard chain (environment, shared file, container, instance metadata).'),
  secret_access_key: option.optionalString('Secret of access_key_id.', { secret: true }),
  session_token: option.optionalString('Session token for temporary static credentials.', { secret: true }),
  profile: option.optionalString('Profile of the shared credentials file; default AWS_PROFILE, then `default`.'),
  timeout: option.number(10, 'Seconds allowed to connect, then for the response headers, then between body chunks.', { min: 0.1 }),
};
