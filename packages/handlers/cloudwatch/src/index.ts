export { default } from './handler.js';
export { options } from './options.js';
export { signRequest, signingKey, amzDate, uriEncode, sha256Hex, type SignedRequest, type SigningCredentials } from './sigv4.js';
export { CredentialChain, parseCredentialsFile, type Credentials, type ChainOptions } from './credentials.js';
export { encodeRequests, metricName, MAX_METRICS_PER_REQUEST, MAX_BODY_BYTES } from './encode.js';
export { parseAwsError } from './errors.js';
