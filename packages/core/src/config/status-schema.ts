import net from 'node:net';
import { option, type OptionValues } from '@spinel/sdk';

/** `agent.status`: the local status server (JSON API, page, reload). */
export const statusSchema = {
  enabled: option.boolean(true, 'Serve the status page and API.'),
  listen: option.string('127.0.0.1', 'Address the status server binds; beyond loopback it needs a token (or insecure: true).'),
  port: option.number(9274, 'Port of the status server; 0 takes any free port (the log says which).', { min: 0, max: 65535, integer: true }),
  token: option.optionalString('Bearer token the API and page require (Authorization: Bearer <token>, or ?token= on the page).', { secret: true }),
  insecure: option.boolean(false, 'Serve beyond loopback without a token.'),
  control_socket: option.string(
    '/run/spinel/control.sock',
    'Unix socket that takes a reload without a token (spinel reload uses it): mode 0660, so only this user, its group (spinel, for the packages) and root may use it. Empty: none.',
  ),
  hosts: option.stringList(
    [],
    'Host names the server answers to besides localhost and IP addresses (requests naming any other host are refused: a guard against DNS rebinding).',
  ),
  series_max: option.number(
    1000,
    'Metric series whose recent values the metric browser keeps; a series not updated for series_minutes is forgotten. Its memory (series_max x series_points x 16 bytes, 2.2 MB at the defaults) is taken at start; 0 turns the browser off.',
    { min: 0, integer: true },
  ),
  series_points: option.number(120, 'Recent values kept per series (at a 5 s interval, 10 minutes).', { min: 2, integer: true }),
  series_minutes: option.number(10, 'Minutes a series is kept after its last value.', { min: 1 }),
  history_minutes: option.number(60, 'Minutes of worker memory, queue and run-duration history the page charts.', { min: 1 }),
  history_step: option.number(15, "Seconds between two points of the page's charts (an hour at 15 s is 240 points a line).", { min: 1 }),
};

export type StatusSettings = OptionValues<typeof statusSchema>;

/** The one rule across agent.status keys: beyond loopback, a token or an explicit insecure. */
export function lacksNeededToken(status: Pick<StatusSettings, 'enabled' | 'listen' | 'token' | 'insecure'>): boolean {
  return status.enabled && !isLoopback(status.listen) && !status.token && !status.insecure;
}

export function isLoopback(address: string): boolean {
  if (address === 'localhost') return true;
  if (net.isIPv4(address)) return address.startsWith('127.');
  return address === '::1';
}
