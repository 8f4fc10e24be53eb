// Where the status server listens and where `spinel status` and `spinel reload` ask it: the
// config's agent.status, overridden by `spinel run --status-address` or SPINEL_STATUS_ADDRESS
// (one variable for both sides, so a container or unit sets it once).
import net from 'node:net';
import { ConfigError, lacksNeededToken, parseConfig, statusSchema, type EffectiveConfig } from '@spinel/core';
import { validateOptions } from '@spinel/sdk';
import { configSource, loadEffectiveConfig } from './config-source.js';
import { UsageError } from './errors.js';
import type { Output } from './output.js';

export const STATUS_ADDRESS_ENV = 'SPINEL_STATUS_ADDRESS';
/** agent.status's defaults, from its schema: where an agent with no status settings listens. */
const DEFAULT = validateOptions(statusSchema, {}).value;

/** `HOST:PORT`, `[V6]:PORT` or `PORT` alone (the host stays the config's). */
export function parseStatusAddress(text: string, from: string): { listen?: string; port: number } {
  const match = /^(?:\[([^\]]+)\]:|([^:[\]]+):)?(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  const listen = match?.[1] ?? match?.[2];
  if (!match || port > 65535 || (listen !== undefined && match[1] !== undefined && !net.isIPv6(listen))) {
    throw new UsageError(`${from}: expected HOST:PORT, [IPv6]:PORT or PORT, found ${JSON.stringify(text)}`);
  }
  return listen === undefined ? { port } : { listen, port };
}

/** The address given by flag or environment, if any, and what named it. */
function override(flag: string | undefined, env: NodeJS.ProcessEnv): { listen?: string; port: number } | undefined {
  if (flag !== undefined) return parseStatusAddress(flag, '--status-address');
  const fromEnv = env[STATUS_ADDRESS_ENV];
  return fromEnv ? parseStatusAddress(fromEnv, STATUS_ADDRESS_ENV) : undefined;
}

/** The effective config with the status address the flag or environment gives; the loopback rule still holds. */
export function withStatusAddress(config: EffectiveConfig, flag: string | undefined, env: NodeJS.ProcessEnv = process.env): EffectiveConfig {
  const address = override(flag, env);
  if (!address) return config;
  const status = { ...config.status, ...address };
  if (lacksNeededToken(status)) {
    throw new ConfigError([
      {
        file: flag !== undefined ? '--status-address' : STATUS_ADDRESS_ENV,
        key: 'agent.status.token',
        expected: `a bearer token, since the status server would listen on ${status.listen}, beyond loopback (or agent.status.insecure: true)`,
        found: 'none',
      },
    ]);
  }
  return { ...config, status };
}

const urlOf = (listen: string, port: number): string => {
  const host = listen === '0.0.0.0' ? '127.0.0.1' : listen === '::' ? '::1' : listen;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
};

/** agent.status of a config that does not check: just its listen, port and token, where they have the right types. */
function statusOfInvalidConfig(
  file: string | undefined,
  io: Output,
  issues: number,
): { listen: string; port: number; token: string | undefined; controlSocket: string } {
  const source = configSource(file);
  const agent = parseConfig(source).document.agent as { status?: Record<string, unknown> } | undefined;
  const raw = agent?.status ?? {};
  io.err(
    `spinel: ${source.label} does not pass config check (${issues} ${issues === 1 ? 'issue' : 'issues'}; see spinel config check); reading only its agent.status`,
  );
  return {
    listen: typeof raw.listen === 'string' ? raw.listen : DEFAULT.listen,
    port: typeof raw.port === 'number' && Number.isInteger(raw.port) ? raw.port : DEFAULT.port,
    token: typeof raw.token === 'string' ? raw.token : undefined,
    controlSocket: typeof raw.control_socket === 'string' ? raw.control_socket : DEFAULT.control_socket,
  };
}

/**
 * Where `spinel status` and `spinel reload` ask: --url; else SPINEL_STATUS_ADDRESS; else the
 * config's agent.status (--config or SPINEL_CONFIG; a config that does not check still gives its
 * address, with a warning); else the default.
 */
export async function statusTarget(
  url: string | undefined,
  config: string | undefined,
  io: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StatusTarget> {
  if (url) return { url, token: undefined, controlSocket: undefined };
  const address = override(undefined, env);
  let fromConfig: { listen: string; port: number; token: string | undefined; controlSocket: string } | undefined;
  if (config !== undefined || env.SPINEL_CONFIG) {
    try {
      const effective = await loadEffectiveConfig(configSource(config));
      fromConfig = {
        listen: effective.status.listen,
        port: effective.status.port,
        token: effective.status.token,
        controlSocket: effective.status.control_socket,
      };
    } catch (error) {
      if (!(error instanceof ConfigError) || error.issues.some((issue) => issue.key === '(file)')) throw error;
      fromConfig = statusOfInvalidConfig(config, io, error.issues.length);
    }
  }
  const listen = address?.listen ?? fromConfig?.listen ?? DEFAULT.listen;
  const port = address?.port ?? fromConfig?.port ?? DEFAULT.port;
  const controlSocket = fromConfig ? fromConfig.controlSocket : DEFAULT.control_socket;
  return { url: urlOf(listen, port), token: fromConfig?.token, controlSocket: controlSocket || undefined };
}

/** Where to ask: the TCP address (with the config's token), and the control socket a reload prefers. */
export interface StatusTarget {
  url: string;
  token: string | undefined;
  controlSocket: string | undefined;
}
