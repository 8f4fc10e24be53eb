import { redactUrl } from '@spinel/sdk';
import { Agent, interceptors, type Dispatcher } from 'undici';
import { networkFailure } from './endpoint.js';

export interface UrlClientOptions {
  timeoutMs: number;
  /** Redirects followed; 0 answers with the redirect itself. */
  maxRedirects: number;
  /** Check https certificates (default true). */
  verifyTls?: boolean;
}

/**
 * What a collector that requests a list of configured URLs (http, httpcode) sends them through:
 * one undici Agent for every URL (its pools keep connections alive per origin), connect, header
 * and body time bounded, redirects counted by undici's interceptor.
 */
export function urlDispatcher(options: UrlClientOptions): Dispatcher {
  const timeout = options.timeoutMs;
  const agent = new Agent({
    connect: { timeout, rejectUnauthorized: options.verifyTls ?? true },
    headersTimeout: timeout,
    bodyTimeout: timeout,
    keepAliveTimeout: 30_000,
  });
  return options.maxRedirects > 0 ? agent.compose(interceptors.redirect({ maxRedirections: options.maxRedirects })) : agent;
}

/** Configured headers over defaults; names are case-blind, so a configured `User-Agent` replaces the default rather than joining it. */
export function requestHeaders(defaults: Readonly<Record<string, string>>, configured: Readonly<Record<string, string>>): Record<string, string> {
  return { ...defaults, ...Object.fromEntries(Object.entries(configured).map(([key, value]) => [key.toLowerCase(), value])) };
}

/** `GET <url> failed: <why>` for a run's error, the URL's credentials redacted. */
export function urlFailure(url: string, error: unknown, signal: AbortSignal): string {
  return `GET ${redactUrl(url)} failed: ${signal.aborted ? 'no answer before the run deadline' : networkFailure(error)}`;
}
