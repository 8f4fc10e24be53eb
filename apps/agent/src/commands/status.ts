import { parseArgs } from 'node:util';
import type { AgentStatus } from '@spinel/core';
import { EXIT, UsageError } from '../errors.js';
import type { Output } from '../output.js';
import { statusTarget } from '../status-address.js';

/** `spinel status` exit codes: 0 healthy, these otherwise (documented in the help). */
export const EXIT_UNHEALTHY = 2;
export const EXIT_UNREACHABLE = 69;

const mb = (bytes: number | null): string => (bytes === null ? '-' : `${(bytes / 1048576).toFixed(1)} MB`);
const ago = (ms: number | null, now: number): string => (ms === null ? 'never' : `${Math.max(0, Math.round((now - ms) / 1000))}s ago`);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** The status as a terminal report. */
export function renderStatus(status: AgentStatus, now = Date.now()): string {
  const lines = [
    `spinel ${status.version}, pid ${status.pid}, up ${status.uptime_seconds}s, RSS ${mb(status.rss_bytes)}, config ${status.config.file} (sha256 ${status.config.sha256.slice(0, 12)})`,
    status.healthy ? 'healthy' : `UNHEALTHY:\n${status.problems.map((p) => `  - ${p}`).join('\n')}`,
    '',
    table([
      ['KIND', 'ENTRY', 'STATE', 'LAST', 'DURATION', 'SAMPLES', 'ERRORS', 'LAST ERROR'],
      ...status.collectors.map((c) => ['collector', c.key, c.state, ago(c.last_run_at, now), `${c.last_duration_ms.toFixed(1)}ms`, String(c.last_samples ?? '-'), String(c.errors), c.last_error?.message ?? '']),
      ...status.handlers.map((h) => ['handler', h.key, h.state, ago(h.last_write_at, now), `${h.last_write_duration_ms.toFixed(1)}ms`, `${h.written} written, ${h.queue_length} queued, ${h.dropped} dropped`, String(h.errors), h.last_error?.message ?? '']),
    ]),
    '',
    table([
      ['WORKER', 'STATE', 'HEAP', 'OFF-HEAP', 'RESTARTS', 'LEAK?', 'PLUGINS'],
      ...status.workers.map((w) => [w.group, w.state, mb(w.heap_used_bytes), mb(w.external_bytes), String(w.restarts), w.suspected_leak ? 'yes' : 'no', w.plugins.join(',')]),
    ]),
  ];
  return lines.join('\n');
}

/** One request to the status server; undefined (said on stderr) when nothing answers. */
async function askStatusServer(base: string, path: string, request: { method: 'GET' | 'POST'; token: string | undefined; timeoutMs: number }, io: Output): Promise<Response | undefined> {
  try {
    const headers: Record<string, string> = request.token ? { authorization: `Bearer ${request.token}` } : {};
    // The status server takes a reload only with this header, which no web page can send it.
    if (request.method === 'POST') headers['x-spinel-reload'] = '1';
    return await fetch(new URL(path, base), { method: request.method, headers, signal: AbortSignal.timeout(request.timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : String(error));
    io.err(`spinel: no agent status at ${base} (${cause}); is spinel run going, with agent.status enabled?`);
    return undefined;
  }
}

/** `spinel reload [--url URL] [--config FILE] [--token T]`: the running agent re-reads its config; exit 0 applied, 78 refused, 69 unreachable. */
export async function reloadCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { url: { type: 'string' }, config: { type: 'string', short: 'c' }, token: { type: 'string' } } });
  if (positionals.length > 0) throw new UsageError(`reload takes no arguments, found ${positionals.join(' ')}`);
  const target = await statusTarget(values.url, values.config, io);
  const token = values.token ?? process.env.SPINEL_STATUS_TOKEN ?? target.token;
  const res = await askStatusServer(target.url, '/api/reload', { method: 'POST', token, timeoutMs: 60_000 }, io);
  if (!res) return EXIT_UNREACHABLE;
  const answer = (await res.json()) as { ok?: boolean; message?: string; error?: string };
  if (answer.ok) {
    io.out(answer.message ?? 'reloaded');
    return EXIT.ok;
  }
  io.err(`spinel: ${answer.message ?? answer.error ?? 'reload refused'}`);
  // 403 (not from this host, no token) and 501 (no config file to re-read) are not config errors.
  return answer.error ? EXIT.failure : EXIT.config;
}

/** `spinel status [--url URL] [--config FILE] [--json]`: the running agent's health; the exit code says it. */
export async function statusCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { url: { type: 'string' }, config: { type: 'string', short: 'c' }, token: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (positionals.length > 0) throw new UsageError(`status takes no arguments, found ${positionals.join(' ')}`);
  const target = await statusTarget(values.url, values.config, io);
  const token = values.token ?? process.env.SPINEL_STATUS_TOKEN ?? target.token;
  const res = await askStatusServer(target.url, '/api/status', { method: 'GET', token, timeoutMs: 5_000 }, io);
  if (!res) return EXIT_UNREACHABLE;
  if (!res.ok) {
    io.err(`spinel: ${target.url} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return EXIT_UNREACHABLE;
  }
  const status = (await res.json()) as AgentStatus;
  io.out(values.json ? JSON.stringify(status, null, 2) : renderStatus(status));
  return status.healthy ? EXIT.ok : EXIT_UNHEALTHY;
}
