import 'reflect-metadata';
import { container as rootContainer, instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import { createScrubber, type Logger } from '@spinel/sdk';
import { Agent } from './agent.js';
import type { AgentAbout } from './status/snapshot.js';
import { configSecrets } from './config/print.js';
import type { EffectiveConfig } from './config/resolve.js';
import { FanOut } from './route/fan-out.js';
import { hostRootsFromEnv, type HostRoots } from './support/host-paths.js';
import { createLogger, type LogLevel, type LogSink } from './support/logger.js';
import { Scheduler } from './schedule/scheduler.js';
import { Telemetry } from './telemetry/stats.js';

// tsyringe wires the runtime's services by token and factory. Nothing relies on emitted
// decorator metadata (esbuild-based tools do not emit it); the container's value is that a test
// or the CLI can replace one service (the log sink, the host roots) by registering its token.
export const TOKENS = {
  Config: Symbol.for('spinel.Config'),
  Hostname: Symbol.for('spinel.Hostname'),
  HostRoots: Symbol.for('spinel.HostRoots'),
  LogSink: Symbol.for('spinel.LogSink'),
  Secrets: Symbol.for('spinel.Secrets'),
  Logger: Symbol.for('spinel.Logger'),
  Telemetry: Symbol.for('spinel.Telemetry'),
  FanOut: Symbol.for('spinel.FanOut'),
  Scheduler: Symbol.for('spinel.Scheduler'),
  Agent: Symbol.for('spinel.Agent'),
} as const;

export interface ContainerInput {
  config: EffectiveConfig;
  hostname: string | undefined;
  hostRoots?: HostRoots;
  logSink?: LogSink;
  /** Version and config identity the status page shows. */
  about?: AgentAbout;
}

export function createAgentContainer(input: ContainerInput): DependencyContainer {
  const c = rootContainer.createChildContainer();
  c.register(TOKENS.Config, { useValue: input.config });
  c.register(TOKENS.Hostname, { useValue: { hostname: input.hostname } });
  c.register(TOKENS.HostRoots, { useValue: input.hostRoots ?? hostRootsFromEnv() });
  c.register(TOKENS.LogSink, { useValue: input.logSink ?? ((line: string) => process.stderr.write(`${line}\n`)) });
  // The config's secret values, found once: the main logger and every plugin thread scrub them.
  c.register(TOKENS.Secrets, { useFactory: instanceCachingFactory((r) => configSecrets(r.resolve<EffectiveConfig>(TOKENS.Config))) });
  c.register(TOKENS.Logger, {
    useFactory: instanceCachingFactory((r) => {
      const config = r.resolve<EffectiveConfig>(TOKENS.Config);
      return createLogger({
        level: config.agent.log_level as LogLevel,
        scope: 'agent',
        sink: r.resolve<LogSink>(TOKENS.LogSink),
        redact: createScrubber(r.resolve<readonly string[]>(TOKENS.Secrets)),
      });
    }),
  });
  c.register(TOKENS.Telemetry, { useFactory: instanceCachingFactory(() => new Telemetry()) });
  c.register(TOKENS.FanOut, { useFactory: instanceCachingFactory(() => new FanOut()) });
  c.register(TOKENS.Scheduler, { useFactory: instanceCachingFactory(() => new Scheduler()) });
  c.register(TOKENS.Agent, {
    useFactory: instanceCachingFactory(
      (r) =>
        new Agent({
          config: r.resolve(TOKENS.Config),
          log: r.resolve<Logger>(TOKENS.Logger),
          telemetry: r.resolve(TOKENS.Telemetry),
          fanOut: r.resolve(TOKENS.FanOut),
          scheduler: r.resolve(TOKENS.Scheduler),
          hostRoots: r.resolve(TOKENS.HostRoots),
          hostname: r.resolve<{ hostname: string | undefined }>(TOKENS.Hostname).hostname,
          secrets: r.resolve<readonly string[]>(TOKENS.Secrets),
          about: input.about,
        }),
    ),
  });
  return c;
}

/** Builds the agent from a resolved config; `start()` it, `stop()` it on a signal. */
export function createAgent(input: ContainerInput): Agent {
  return createAgentContainer(input).resolve<Agent>(TOKENS.Agent);
}
