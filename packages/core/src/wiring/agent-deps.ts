import type { Logger } from '@spinel/sdk';
import type { EffectiveConfig } from '../config/resolve.js';
import type { FanOut } from '../route/fan-out.js';
import type { Scheduler } from '../schedule/scheduler.js';
import type { AgentAbout } from '../status/snapshot.js';
import type { HostRoots } from '../support/host-paths.js';
import type { Telemetry } from '../telemetry/stats.js';

/** What the agent is built from (container.ts registers each by token). */
export interface AgentDeps {
  /** Replaced by a reload. */
  config: EffectiveConfig;
  log: Logger;
  telemetry: Telemetry;
  fanOut: FanOut;
  scheduler: Scheduler;
  hostRoots: HostRoots;
  hostname: string | undefined;
  /** The config's secret values, scrubbed from every plugin thread's log lines. */
  secrets: readonly string[];
  /** Version and config identity for the status page. */
  about?: AgentAbout | undefined;
}
