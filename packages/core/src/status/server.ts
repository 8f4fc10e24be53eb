import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@spinel/sdk';
import { faultPoint, reportGuardedError } from '../support/guard.js';
import { boundHttpServer, http, type ListenerEvents } from '@spinel/plugin-kit';
import { openControlSocket } from './control-socket.js';
import { pageFile } from './assets.js';
import { hostAllowed, tokenMatches } from './request-guards.js';
import type { StatusSettings } from '../config/status-schema.js';

/** What the server answers from; every call is cheap and synchronous. */
export interface StatusRoutes {
  status(): unknown;
  history(): unknown;
  seriesPaths(filter: string): string[];
  seriesValues(path: string): Array<[number, number]> | undefined;
  /** Re-reads the config file and applies it (`POST /api/reload`); undefined where there is none. */
  reload?: (() => Promise<{ ok: boolean; message: string }>) | undefined;
}

const SERIES_LIST_LIMIT = 500;

/** A page and a few JSON documents for a handful of people and scripts: 32 connections, idle ones closed after 30 s. */
export const STATUS_LIMITS = { maxConnections: 32, idleMs: 30_000, requestMs: 10_000 };

function send(
  res: ServerResponse,
  code: number,
  body: unknown,
  type = 'application/json; charset=utf-8',
  scrub: (text: string) => string = (text) => text,
): void {
  // Every JSON answer goes through the agent's scrubber: a server that echoed the request a
  // plugin sent (an api_key in its URL, an Authorization header) must not show it here.
  const text = typeof body === 'string' && !type.startsWith('application/json') ? body : scrub(JSON.stringify(body));
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

/** Which listener a request came in on: the TCP port, or the control socket whose mode says who may use it. */
type Door = 'tcp' | 'control';

/**
 * The status server: node's own http (one loopback listener answering a page and a few JSON
 * documents needs no framework). With a token, every request must carry it as a bearer token,
 * or as `?token=` (how a browser opens the page). A reload changes the agent, so it needs more
 * than a loopback peer (any local user, any web page's request): the token, or the control socket.
 */
export class StatusServer {
  private server: Server | undefined;
  private control: Server | undefined;

  constructor(
    private readonly settings: StatusSettings,
    private readonly routes: StatusRoutes,
    private readonly log: Logger,
    private readonly scrub: (text: string) => string = (text) => text,
    /** Told of each connection refused past the cap and each idle one closed (the agent counts them). */
    private readonly counts: ListenerEvents = {},
  ) {}

  /** Listens; a port in use is logged and the agent runs on without the status server. */
  async start(): Promise<number | undefined> {
    await this.openControlSocket();
    const server = http.createServer((req, res) => this.answer(req, res, 'tcp'));
    boundHttpServer(server, STATUS_LIMITS, this.counts);
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        this.log.warn(
          `status server not started: cannot listen on ${this.settings.listen}:${this.settings.port} (${error.code ?? error.message}); set agent.status.port, or enabled: false`,
        );
        resolve(false);
      });
      server.listen(this.settings.port, this.settings.listen, () => resolve(true));
    });
    if (!bound) return undefined;
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    this.log.info(`status page on http://${this.settings.listen.includes(':') ? `[${this.settings.listen}]` : this.settings.listen}:${port}/`);
    return port;
  }

  get port(): number | undefined {
    return this.server ? (this.server.address() as AddressInfo).port : undefined;
  }

  async stop(): Promise<void> {
    const servers = [this.server, this.control].filter((s): s is Server => s !== undefined);
    this.server = undefined;
    this.control = undefined;
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  /** The control socket's path while it is open. */
  get controlSocket(): string | undefined {
    return this.control ? this.settings.control_socket : undefined;
  }

  private async openControlSocket(): Promise<void> {
    const path = this.settings.control_socket;
    if (path) this.control = await openControlSocket(path, (req, res) => this.answer(req, res, 'control'), this.log, this.counts);
  }

  /**
   * Over TCP only with the token: any local user reaches the port. The control socket's file mode
   * already says who may. And never a web page: a browser sends Origin with every cross-site POST
   * and cannot send X-Spinel-Reload without a CORS preflight, which is never granted here, so a
   * form or a no-cors fetch from any origin is refused. `spinel reload` sends the header.
   */
  private async reload(req: IncomingMessage, res: ServerResponse, door: Door): Promise<void> {
    if (door === 'tcp' && !this.settings.token) {
      const socket = this.controlSocket ? ` (${this.controlSocket})` : '';
      send(res, 403, {
        error: `reload over TCP needs agent.status.token: any local user can reach this port; on this host, spinel reload uses the control socket${socket}, or send SIGHUP`,
      });
      return;
    }
    if (req.headers.origin !== undefined || req.headers['x-spinel-reload'] !== '1') {
      send(res, 403, { error: 'reload is not accepted from a web page; use spinel reload or SIGHUP (requests need X-Spinel-Reload: 1 and no Origin)' });
      return;
    }
    if (!this.routes.reload) {
      send(res, 501, { error: 'this agent was started without a config file to re-read' });
      return;
    }
    const result = await this.routes.reload();
    send(res, result.ok ? 200 : 422, result, undefined, this.scrub);
  }

  private answer(req: IncomingMessage, res: ServerResponse, door: Door): void {
    try {
      faultPoint('status.request');
      this.route(req, res, door);
    } catch (error) {
      reportGuardedError('status.request', error);
      this.internalError(res, error);
    }
  }

  private route(req: IncomingMessage, res: ServerResponse, door: Door): void {
    const url = new URL(req.url ?? '/', 'http://status');
    // No browser reaches a Unix socket, so DNS rebinding cannot either; the token guards TCP.
    if (door === 'tcp' && !hostAllowed(req.headers.host, this.settings.hosts)) {
      send(res, 421, { error: 'this server answers to localhost, IP addresses and agent.status.hosts only (a guard against DNS rebinding)' });
      return;
    }
    const file = req.method === 'GET' || req.method === 'HEAD' ? pageFile(url.pathname) : undefined;
    if (file !== undefined) {
      send(res, 200, file.body, file.type);
      return;
    }
    const token = this.settings.token;
    if (token && door === 'tcp') {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!tokenMatches(token, bearer) && !tokenMatches(token, url.searchParams.get('token'))) {
        res.setHeader('www-authenticate', 'Bearer');
        send(res, 401, { error: 'a bearer token is required (agent.status.token)' });
        return;
      }
    }
    if (req.method === 'POST' && url.pathname === '/api/reload') {
      this.reload(req, res, door).catch((error: unknown) => this.internalError(res, error));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { error: `${req.method} is not served here` });
      return;
    }
    try {
      switch (url.pathname) {
        case '/api/status':
          send(res, 200, this.routes.status(), undefined, this.scrub);
          return;
        case '/api/history':
          send(res, 200, this.routes.history());
          return;
        case '/api/series': {
          const path = url.searchParams.get('path');
          if (path === null) {
            send(res, 200, { paths: this.routes.seriesPaths(url.searchParams.get('filter') ?? '').slice(0, SERIES_LIST_LIMIT) });
            return;
          }
          const values = this.routes.seriesValues(path);
          if (!values)
            send(res, 404, { error: `no recent values of ${path} (the browser keeps series seen in the last minutes, up to agent.status.series_max)` });
          else send(res, 200, { path, values });
          return;
        }
        default:
          send(res, 404, { error: `nothing at ${url.pathname}; try /, /api/status, /api/history, /api/series` });
      }
    } catch (error) {
      this.internalError(res, error);
    }
  }

  /** A 500 naming what went wrong (scrubbed), or the connection closed when the answer had begun. */
  private internalError(res: ServerResponse, error: unknown): void {
    if (res.headersSent) res.destroy();
    else send(res, 500, { error: error instanceof Error ? error.message : String(error) }, undefined, this.scrub);
  }
}
