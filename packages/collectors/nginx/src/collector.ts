import { defineCollector, SpinelError } from '@spinel/sdk';
import { HttpSource, originOf } from '@spinel/http';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { publishPlusStatus } from './plus-status.js';
import { parseStubStatus } from './stub-status.js';

/** stub_status is a few lines and NGINX Plus's status a few KB: an answer past this is not one. */
const STATUS_MAX_BYTES = 256 * 1024;

export default defineCollector({
  name: 'nginx',
  description: "nginx connections and requests from its stub_status page, or NGINX Plus's status document (Diamond NginxCollector's names; totals as rates).",
  path: 'nginx',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): HttpSource {
    const o = ctx.options;
    return new HttpSource({
      url: originOf(o.req_host, o.req_port, o.req_ssl),
      timeoutMs: o.request_timeout * 1000,
      headers: o.req_host_header ? { host: o.req_host_header } : {},
      maxBytes: STATUS_MAX_BYTES,
    });
  },
  teardown(source) {
    return source.close();
  },
  async collect(ctx, source) {
    const path = ctx.options.req_path;
    const answer = await source.get(path, ctx.signal);
    // NGINX Plus answers its status as JSON, as Diamond told them apart.
    if (answer.contentType.startsWith('application/json')) {
      let document: unknown;
      try {
        document = JSON.parse(answer.body) as unknown;
      } catch {
        throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${source.describe(path)} answered application/json that does not parse`);
      }
      publishPlusStatus(ctx, document);
      return;
    }
    const status = parseStubStatus(answer.body);
    if (typeof status === 'string') throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${source.describe(path)} answered ${status}`);
    ctx.publish('active_connections', status.active);
    ctx.publishRate('conn_accepted', status.accepts);
    ctx.publishRate('conn_handled', status.handled);
    ctx.publishRate('req_handled', status.requests);
    if (status.handled > 0) ctx.publish('req_per_conn', status.requests / status.handled, { precision: 2 });
    ctx.publish('act_reads', status.reading);
    ctx.publish('act_writes', status.writing);
    ctx.publish('act_waits', status.waiting);
  },
});
