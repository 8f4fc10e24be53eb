export {
  HttpEndpoint,
  originWithUserinfo,
  BODY_KEEP_BYTES,
  networkFailure,
  isHttpUrl,
  originOf,
  type EndpointOptions,
  type TlsChecks,
  type HttpResponse,
  type RequestInput,
} from './endpoint.js';
export { throwForStatus, firstLine, HttpRefusedError, HttpUnavailableError } from './classify.js';
export { parseRetryAfter } from './retry-after.js';
export { redact } from './redact.js';
export { authorization, explainRefusedCredentials } from './credentials.js';
export { HttpSource, SOURCE_MAX_BYTES, type HttpSourceOptions, type SourceResponse, type SourceRequest } from './source.js';
export { urlDispatcher, requestHeaders, urlFailure, type UrlClientOptions } from './url-client.js';
