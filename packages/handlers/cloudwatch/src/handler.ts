import { createHash } from 'node:crypto';
import { HttpEndpoint, originWithUserinfo } from '@spinel/http';
import { defineHandler, PermanentDeliveryError, SpinelError } from '@spinel/sdk';
import { CredentialChain } from './credentials.js';
import { encodeRequests } from './encode.js';
import { CREDENTIAL_CODES, parseAwsError, throwForAws } from './errors.js';
import { options } from './options.js';
import { signRequest } from './sigv4.js';

const CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';
const MAX_REMEMBERED = 64;

export default defineHandler({
  name: 'cloudwatch',
  description: 'Ships samples to Amazon CloudWatch with PutMetricData (SigV4-signed, 1000 metrics or 1 MB per request).',
  options,
  validate: (o) =>
    o.namespace.startsWith('AWS/')
      ? [{ key: 'namespace', expected: 'a namespace not starting with AWS/ (reserved for AWS services)', found: o.namespace }]
      : [],
  defaultWorker: 'own',
  create(ctx) {
    const o = ctx.options;
    const region = o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) throw new SpinelError('SPINEL_OPTION_INVALID', 'cloudwatch: region: expected an AWS region (set `region`, or AWS_REGION in the environment)');
    const url = new URL(o.endpoint ?? `https://monitoring.${region}.amazonaws.com/`);
    const endpoint = new HttpEndpoint({ url: originWithUserinfo(url), timeoutMs: o.timeout * 1000 });
    const credentials = new CredentialChain({
      accessKeyId: o.access_key_id,
      secretAccessKey: o.secret_access_key,
      sessionToken: o.session_token,
      profile: o.profile,
    });
    const encodeOptions = {
      namespace: o.namespace,
      hostDimension: o.host_dimension,
      storageResolution: o.storage_resolution === '1' ? (1 as const) : (60 as const),
    };
    const what = `PutMetricData ${url.origin}`;
    // Request bodies CloudWatch accepted during a delivery that then failed: the retry of the same
    // batch skips them instead of counting those points twice. Bounded by one batch's requests.
    let acceptedOfFailedBatch = new Set<string>();

    async function put(body: string): Promise<void> {
      const creds = await credentials.get();
      const signed = signRequest({ method: 'POST', url, headers: { 'content-type': CONTENT_TYPE }, body }, creds, region!, 'monitoring', new Date());
      const response = await endpoint.request({ method: 'POST', path: url.pathname, headers: signed.headers, body });
      if (response.status >= 300 && CREDENTIAL_CODES.has(parseAwsError(response.body).code ?? '')) credentials.invalidate();
      throwForAws(response, what, creds.source);
    }

    return {
      async process(batch) {
        const { bodies, skipped } = encodeRequests(batch, encodeOptions);
        if (skipped > 0) ctx.log.warn(`cloudwatch: left out ${skipped} samples whose values CloudWatch cannot store (NaN, infinite or beyond ±1.17e108)`);
        const accepted = new Set<string>();
        try {
          for (const body of bodies) {
            const digest = createHash('sha1').update(body).digest('base64');
            if (acceptedOfFailedBatch.has(digest)) continue;
            await put(body);
            accepted.add(digest);
          }
        } catch (error) {
          // A dropped batch is not retried; a retried one finds what already went through.
          if (error instanceof PermanentDeliveryError || acceptedOfFailedBatch.size > MAX_REMEMBERED) acceptedOfFailedBatch = new Set();
          else for (const digest of accepted) acceptedOfFailedBatch.add(digest);
          throw error;
        }
        acceptedOfFailedBatch = new Set();
      },
      close: () => endpoint.close(),
    };
  },
});
