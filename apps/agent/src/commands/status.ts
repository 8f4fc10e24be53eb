import { existsSync } from 'node:fs';
import { http } from '@spinel/plugin-kit';
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
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The status as a terminal report. */
export function renderStatus(status: AgentStatus, now = Date.now()): string {
  const lines = [
    `spinel ${status.version}, pid ${status.pid}, up ${status.uptime_seconds}s, RSS ${mb(status.rss_bytes)}, config ${status.config.file} (sha256 ${status.config.sha256.slice(0, 12)})`,
    status.healthy ? 'healthy' : `UNHEALTHY:\n${status.problems.map((p) => `  - ${p}`).join('\n')}`,
    '',
    table([
      ['KIND', 'ENTRY', 'STATE', 'LAST', 'DURATION', 'SAMPLES', 'ERRORS', 'LAST ERROR'],
      ...status.collectors.map((c) => [
        'collector',
        c.key,
        c.state,
        ago(c.last_run_at, now),
        `${c.last_duration_ms.toFixed(1)}ms`,
        String(c.last_samples ?? '-'),
        String(c.errors),
        c.last_error?.message ?? '',
      ]),
      ...status.handlers.map((h) => [
        'handler',
        h.key,
        h.state,
        ago(h.last_write_at, now),
        `${h.last_write_duration_ms.toFixed(1)}ms`,
        `${h.written} written, ${h.queue_length} queued, ${h.dropped} dropped`,
        String(h.errors),
        h.last_error?.message ?? '',
      ]),
    ]),
    '',
    table([
      ['WORKER', 'STATE', 'HEAP', 'OFF-HEAP', 'RESTARTS', 'LEAK?', 'PLUGINS'],
      ...status.workers.map((w) => [
        w.group,
        w.state,
        mb(w.heap_used_bytes),
        mb(w.external_bytes),
        String(w.restarts),
        w.suspected_leak ? 'yes' : 'no',
        w.plugins.join(','),
      ]),
    ]),
  ];
  return lines.join('\n');
}

/** An answer of the status server: its HTTP status and body. */
interface Answer {
  status: number;
  type: string;
  text: string;
}

/** The longest answer read: a status document of hundreds of plugins is far less. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** One request over TCP (`base`) or the control socket; rejects with the connection's error. */
function request(
  where: { base: string } | { socket: string },
  path: string,
  options: { method: 'GET' | 'POST'; token: string | undefined; timeoutMs: number },
): Promise<Answer> {
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  // The status server takes a reload only with this header, which no web page can send it.
  if (options.method === 'POST') headers['x-spinel-reload'] = '1';
  const target =
    'socket' in where
      ? { socketPath: where.socket, path }
      : { host: new URL(where.base).hostname.replace(/^\[|\]$/g, ''), port: Number(new URL(where.base).port || 80), path };
  return new Promise((resolve, reject) => {
    const req = http.request({ ...target, method: options.method, headers, timeout: options.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) req.destroy(Object.assign(new Error(`an answer over ${MAX_ANSWER_BYTES} bytes`), { code: 'ETOOBIG' }));
        else chunks.push(chunk);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}

/** The answer's JSON when it is a Spinel status server's; otherwise says what answered instead. */
function statusJson<T>(answer: Answer, where: string, io: Output, looksRight: (body: object) => boolean): T | undefined {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    body = undefined;
  }
  if (body !== undefined && body !== null && typeof body === 'object' && looksRight(body)) return body as T;
  const excerpt = answer.text.slice(0, 80).replace(/\s+/g, ' ');
  io.err(
    `spinel: something answered at ${where}, but not a Spinel status server (HTTP ${answer.status}, ${answer.type || 'no content type'}: ${JSON.stringify(excerpt)}); check agent.status.port, --url or SPINEL_STATUS_ADDRESS`,
  );
  return undefined;
}

const causeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));

/** One request to the status server; undefined (said on stderr) when nothing answers. */
async function askStatusServer(
  base: string,
  path: string,
  options: { method: 'GET' | 'POST'; token: string | undefined; timeoutMs: number },
  io: Output,
): Promise<Answer | undefined> {
  try {
    return await request({ base }, path, options);
  } catch (error) {
    io.err(`spinel: no agent status at ${base} (${causeOf(error)}); is spinel run going, with agent.status enabled?`);
    return undefined;
  }
}

/** A reload over the control socket; undefined (said on stderr) when it cannot be used. */
async function askControlSocket(socket: string, io: Output): Promise<Answer | undefined> {
  try {
    return await request({ socket }, '/api/reload', { method: 'POST', token: undefined, timeoutMs: 60_000 });
  } catch (error) {
    const code = causeOf(error);
    const why = code === 'EACCES' ? "permission denied: only the agent's user, its group (spinel) and root may reload" : code;
    io.err(`spinel: cannot use the control socket ${socket} (${why})`);
    return undefined;
  }
}

/**
 * `spinel reload [--socket PATH | --url URL] [--config FILE] [--token T]`: the running agent
 * re-reads its config; exit 0 applied, 78 refused, 69 unreachable. Without --url it uses the
 * control socket (the config's agent.status.control_socket) when it is there, else TCP, where a
 * reload needs the token.
 */
export async function reloadCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, socket: { type: 'string' }, config: { type: 'string', short: 'c' }, token: { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`reload takes no arguments, found ${positionals.join(' ')}`);
  if (values.url !== undefined && values.socket !== undefined) throw new UsageError('reload takes --url or --socket, not both');
  const target = await statusTarget(values.url, values.config, io);
  const token = values.token ?? process.env.SPINEL_STATUS_TOKEN ?? target.token;
  const socket = values.socket ?? (values.url === undefined && target.controlSocket && existsSync(target.controlSocket) ? target.controlSocket : undefined);
  const res =
    socket !== undefined
      ? await askControlSocket(socket, io)
      : await askStatusServer(target.url, '/api/reload', { method: 'POST', token, timeoutMs: 60_000 }, io);
  if (!res) return EXIT_UNREACHABLE;
  const answer = statusJson<{ ok?: boolean; message?: string; error?: string }>(res, socket ?? target.url, io, (body) => 'ok' in body || 'error' in body);
  if (!answer) return EXIT_UNREACHABLE;
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
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, config: { type: 'string', short: 'c' }, token: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length > 0) throw new UsageError(`status takes no arguments, found ${positionals.join(' ')}`);
  const target = await statusTarget(values.url, values.config, io);
  const token = values.token ?? process.env.SPINEL_STATUS_TOKEN ?? target.token;
  const res = await askStatusServer(target.url, '/api/status', { method: 'GET', token, timeoutMs: 5_000 }, io);
  if (!res) return EXIT_UNREACHABLE;
  const body = statusJson<AgentStatus | { error: string }>(res, target.url, io, (b) => 'error' in b || ('healthy' in b && 'collectors' in b && 'workers' in b));
  if (!body) return EXIT_UNREACHABLE;
  if ('error' in body) {
    io.err(`spinel: ${target.url} answered HTTP ${res.status}: ${body.error.slice(0, 200)}`);
    return EXIT_UNREACHABLE;
  }
  const status = body;
  io.out(values.json ? JSON.stringify(status, null, 2) : renderStatus(status));
  return status.healthy ? EXIT.ok : EXIT_UNHEALTHY;
}
