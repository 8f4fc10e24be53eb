import type { Logger } from '@spinel/sdk';
import {
  AgentCapabilities,
  RemoteConfigStatuses,
  ServerErrorResponseType,
  ServerToAgentFlags,
  type AgentConfigMap,
  type AgentDescription,
  type AgentToServer,
  type ComponentHealth,
  type RemoteConfigStatus,
  type ServerToAgent,
} from './messages.js';
import { HttpTransport, OpampHttpError, type TransportOptions } from './transport.js';

/** What the agent is and how it does, read at every poll; a part is sent when it changed since the server took it. */
export interface AgentReport {
  description: AgentDescription;
  health: ComponentHealth;
  effectiveConfig: AgentConfigMap;
}

export interface RemoteConfigOffer {
  config: AgentConfigMap;
  hash: Uint8Array;
}

export interface OpampClientOptions extends TransportOptions {
  /** 16 bytes, a UUID v7 (see the agent's instance id). */
  instanceUid: Uint8Array;
  /** Time between two polls while nothing changes; also the longest wait between retries. */
  pollingIntervalMs: number;
  /** The first retry after a failed poll; doubled per failure up to the polling interval (default 1 s). */
  firstRetryMs?: number;
  log: Logger;
  report(): AgentReport;
  /** The status of the remote config applied before this process (from the state directory), if any. */
  remoteConfigStatus?: RemoteConfigStatus | undefined;
  /** Applies an offered config; without it, the client does not accept remote configs. */
  applyRemoteConfig?(offer: RemoteConfigOffer): Promise<RemoteConfigStatus>;
  /** The server gave this agent another instance id (it must be kept from now on). */
  onNewInstanceUid?(uid: Uint8Array): void;
}

/** A server's error answer that asks for a later retry. */
class Unavailable extends OpampHttpError {}

const hex = (bytes: Uint8Array | undefined): string => (bytes ? Buffer.from(bytes).toString('hex') : '');
const fingerprint = (part: unknown): string => JSON.stringify(part, (_key, value: unknown) => (value instanceof Uint8Array ? hex(value) : value));

type Part = 'agent_description' | 'health' | 'effective_config' | 'remote_config_status';

/**
 * OpAMP's HTTP flavour from the agent's side: a poll every polling interval (at once when
 * something the server must hear changed), each part of the state sent when it changed since the
 * server last took it or when the server asks for the full state, a backoff with jitter while the
 * server cannot be reached (or the time it names with Retry-After or retry_info), and one last
 * message with agent_disconnect on stop.
 */
export class OpampClient {
  private readonly transport: HttpTransport;
  private sequence = 0;
  private readonly taken = new Map<Part, string>();
  private fullState = true;
  private remoteStatus: RemoteConfigStatus | undefined;
  private lastOfferHash: string;
  private instanceUid: Uint8Array;
  private stopped = false;
  private wake: (() => void) | undefined;
  private pending = false;
  private running: Promise<void> | undefined;
  private readonly inFlight = new AbortController();
  /** Consecutive failed polls; 0 while the server answers. */
  failures = 0;
  /** Unix ms of the last answer taken. */
  lastContactAt: number | undefined;

  constructor(private readonly options: OpampClientOptions) {
    this.transport = new HttpTransport(options);
    this.instanceUid = options.instanceUid;
    this.remoteStatus = options.remoteConfigStatus;
    this.lastOfferHash = hex(options.remoteConfigStatus?.last_remote_config_hash);
  }

  get capabilities(): number {
    const c = AgentCapabilities;
    const remote = this.options.applyRemoteConfig ? c.AcceptsRemoteConfig | c.ReportsRemoteConfig : 0;
    return c.ReportsStatus | c.ReportsEffectiveConfig | c.ReportsHealth | c.ReportsHeartbeat | remote;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Sends at once instead of at the next poll (the health or effective config changed). */
  reportNow(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Ends polling and tells the server this agent leaves (within `deadlineMs`). */
  async stop(deadlineMs = 2_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.inFlight.abort();
    this.wake?.();
    await this.running;
    const goodbye = { ...this.build(true).message, agent_disconnect: {} };
    await this.transport.exchange(goodbye, AbortSignal.timeout(deadlineMs)).catch(() => undefined);
    await this.transport.close();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let delay = this.options.pollingIntervalMs;
      const { message, parts } = this.build(this.fullState);
      this.pending = false;
      try {
        const answer = await this.transport.exchange(message, this.inFlight.signal);
        if (answer.error_response) this.refused(answer.error_response);
        else {
          for (const [part, print] of parts) this.taken.set(part, print);
          this.fullState = false;
          this.reachable();
          await this.take(answer);
        }
      } catch (error) {
        if (this.stopped) break;
        delay = this.failed(error);
      }
      await this.sleep(this.pending ? 0 : delay);
    }
  }

  private build(full: boolean): { message: AgentToServer; parts: Array<[Part, string]> } {
    const report = this.options.report();
    const state: Partial<Record<Part, unknown>> = {
      agent_description: report.description,
      health: report.health,
      effective_config: { config_map: report.effectiveConfig },
      remote_config_status: this.remoteStatus,
    };
    const message: AgentToServer = { instance_uid: this.instanceUid, sequence_num: ++this.sequence, capabilities: this.capabilities };
    const parts: Array<[Part, string]> = [];
    for (const [part, value] of Object.entries(state) as Array<[Part, unknown]>) {
      if (value === undefined) continue;
      const print = fingerprint(value);
      if (!full && this.taken.get(part) === print) continue;
      (message as unknown as Record<string, unknown>)[part] = value;
      parts.push([part, print]);
    }
    return { message, parts };
  }

  private reachable(): void {
    if (this.failures > 0) this.options.log.info('OpAMP server reachable again', { endpoint: this.options.endpoint, failed_polls: this.failures });
    this.failures = 0;
    this.lastContactAt = Date.now();
  }

  /** A failed poll: logged when the failures start, and the delay before the next try. */
  private failed(error: unknown): number {
    this.failures++;
    this.fullState = true;
    const reason = error instanceof Error ? error.message : String(error);
    const backoff = Math.min(this.options.pollingIntervalMs, (this.options.firstRetryMs ?? 1_000) * 2 ** (this.failures - 1));
    const delay = error instanceof OpampHttpError && error.retryAfterMs !== undefined ? error.retryAfterMs : backoff * (0.8 + Math.random() * 0.4);
    const fields = { endpoint: this.options.endpoint, error: reason, retry_in_s: Math.round(delay / 100) / 10 };
    if (this.failures === 1) this.options.log.warn('OpAMP poll failed; retrying (collection goes on)', fields);
    else this.options.log.debug('OpAMP poll failed again', { ...fields, failed_polls: this.failures });
    return delay;
  }

  /** An error_response: retried later when the server says it is unavailable, else reported once and the full state sent next. */
  private refused(error: NonNullable<ServerToAgent['error_response']>): void {
    const message = `the OpAMP server answered with an error: ${error.error_message || 'no message'}`;
    if (error.type === ServerErrorResponseType.Unavailable) {
      const nanoseconds = error.retry_info?.retry_after_nanoseconds;
      throw new Unavailable(message, nanoseconds === undefined ? undefined : nanoseconds / 1e6);
    }
    this.options.log.warn(message, { endpoint: this.options.endpoint });
    this.fullState = true;
  }

  private async take(answer: ServerToAgent): Promise<void> {
    const uid = answer.agent_identification?.new_instance_uid;
    if (uid && uid.length === 16) {
      this.instanceUid = uid;
      this.options.onNewInstanceUid?.(uid);
      this.pending = true;
    }
    if ((answer.flags ?? 0) & ServerToAgentFlags.ReportFullState) {
      this.fullState = true;
      this.pending = true;
    }
    const offer = answer.remote_config;
    const apply = this.options.applyRemoteConfig;
    if (!apply || !offer?.config || !offer.config_hash || hex(offer.config_hash) === this.lastOfferHash) return;
    this.lastOfferHash = hex(offer.config_hash);
    this.remoteStatus = { last_remote_config_hash: offer.config_hash, status: RemoteConfigStatuses.APPLYING };
    this.remoteStatus = await apply({ config: offer.config, hash: offer.config_hash }).catch((error: unknown) => ({
      last_remote_config_hash: offer.config_hash,
      status: RemoteConfigStatuses.FAILED,
      error_message: error instanceof Error ? error.message : String(error),
    }));
    this.pending = true;
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
