import type { CollectContext } from '@spinel/sdk';
import type { options } from './options.js';

type Ctx = CollectContext<typeof options>;
type Json = Record<string, unknown>;

const object = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const segment = (text: string): string => text.replaceAll('.', '_');

/** Publishes `name` when the document has a number there; `total` ones as rates, as Diamond's publish_counter did. */
function figure(ctx: Ctx, name: string, value: unknown, kind: 'gauge' | 'total'): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) return;
  if (kind === 'total') ctx.publishRate(name, value);
  else ctx.publish(name, value);
}

/**
 * NGINX Plus's status document (`/status`, served as application/json), under Diamond
 * NginxCollector's names: connections and requests, and where present each server zone, the SSL
 * handshakes and each upstream's peers (`.` in a zone or upstream name as `_`, and `:` in a peer's
 * address as `-`).
 */
export function publishPlusStatus(ctx: Ctx, document: unknown): void {
  const status = object(document);
  const connections = object(status.connections);
  figure(ctx, 'conn.active', connections.active, 'gauge');
  figure(ctx, 'conn.accepted', connections.accepted, 'total');
  figure(ctx, 'conn.dropped', connections.dropped, 'total');
  figure(ctx, 'conn.idle', connections.idle, 'gauge');
  const requests = object(status.requests);
  figure(ctx, 'req.current', requests.current, 'gauge');
  figure(ctx, 'req.total', requests.total, 'total');
  for (const [zone, raw] of Object.entries(object(status.server_zones))) {
    const stats = object(raw);
    const prefix = `servers.${segment(zone)}`;
    figure(ctx, `${prefix}.processing`, stats.processing, 'gauge');
    for (const counter of ['requests', 'discarded', 'received', 'sent']) figure(ctx, `${prefix}.${counter}`, stats[counter], 'total');
    for (const [code, count] of Object.entries(object(stats.responses))) figure(ctx, `${prefix}.responses.${code}`, count, 'total');
  }
  const ssl = object(status.ssl);
  for (const counter of ['handshakes', 'session_reuses', 'handshakes_failed']) figure(ctx, `ssl.${counter}`, ssl[counter], 'total');
  for (const [upstream, raw] of Object.entries(object(status.upstreams))) {
    const stats = object(raw);
    const prefix = `upstreams.${segment(upstream)}`;
    figure(ctx, `${prefix}.keepalive`, stats.keepalive, 'gauge');
    for (const peerRaw of Array.isArray(stats.peers) ? stats.peers : []) {
      const peer = object(peerRaw);
      if (typeof peer.server !== 'string') continue;
      const peerPrefix = `${prefix}.peers.${segment(peer.server).replaceAll(':', '-')}`;
      figure(ctx, `${peerPrefix}.active`, peer.active, 'gauge');
      figure(ctx, `${peerPrefix}.max_conns`, peer.max_conns, 'gauge');
      for (const counter of ['downtime', 'fails', 'received', 'requests', 'sent', 'unavail']) figure(ctx, `${peerPrefix}.${counter}`, peer[counter], 'total');
      for (const [code, count] of Object.entries(object(peer.responses))) figure(ctx, `${peerPrefix}.responses.${code}`, count, 'total');
    }
  }
}
