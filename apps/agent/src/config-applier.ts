import type { Agent, EffectiveConfig, RemoteLayer } from '@spinel/core';
import type { Logger } from '@spinel/sdk';
import { configSource, loadEffectiveConfig } from './config-source.js';
import { withStatusAddress } from './status-address.js';

export interface ApplyResult {
  ok: boolean;
  message: string;
}

/**
 * Applies configs to the running agent: the local file re-read (SIGHUP, `spinel reload`,
 * `POST /api/reload`) or a remote config offered over OpAMP, each as a layer over the local file.
 * A config that does not check is refused with the messages of `config check` and the running one
 * stays. One apply at a time: a second local request while one runs is told so; a remote one waits.
 */
export class ConfigApplier {
  private busy: Promise<ApplyResult> | undefined;
  /** Called with each config applied. */
  onApplied: ((config: EffectiveConfig) => void) | undefined;

  constructor(
    private readonly agent: Agent,
    private readonly file: string | undefined,
    private readonly statusAddress: string | undefined,
    private readonly log: Logger,
    /** The config running now. */
    public current: EffectiveConfig,
    /** The remote layer running now, if any. */
    public remote: RemoteLayer | undefined,
  ) {}

  /** The local file again, with the remote layer that runs now. */
  reload(): Promise<ApplyResult> {
    if (this.busy) return Promise.resolve({ ok: false, message: 'a reload is already under way' });
    return this.run(this.remote);
  }

  /** The local file with `layer` over it; the layer runs from now on only if the whole config checks and applies. */
  async applyRemote(layer: RemoteLayer): Promise<ApplyResult> {
    while (this.busy) await this.busy;
    return this.run(layer);
  }

  private run(layer: RemoteLayer | undefined): Promise<ApplyResult> {
    const attempt = this.attempt(layer).finally(() => {
      this.busy = undefined;
    });
    this.busy = attempt;
    return attempt;
  }

  private async attempt(layer: RemoteLayer | undefined): Promise<ApplyResult> {
    const source = configSource(this.file);
    const from = layer ? `${source.label} with ${layer.label}` : source.label;
    try {
      const next = withStatusAddress(await loadEffectiveConfig(source, process.env, layer), this.statusAddress);
      const summary = await this.agent.reload(next);
      this.current = next;
      this.remote = layer;
      const message = `config reloaded from ${from}: ${summary}`;
      this.agent.board.reloaded(true, message);
      this.log.info(message);
      this.onApplied?.(next);
      return { ok: true, message };
    } catch (error) {
      const message = `reload refused, the running config stays:\n${error instanceof Error ? error.message : String(error)}`;
      this.agent.board.reloaded(false, message);
      this.log.error(message);
      return { ok: false, message };
    }
  }
}
