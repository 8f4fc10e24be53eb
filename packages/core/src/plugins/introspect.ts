import { Piscina } from 'piscina';
import type { IntrospectRequest, IntrospectResponse } from './introspect-task.js';

/**
 * Loads plugins in a piscina pool to read their schema and catalogue and validate options.
 *
 * Why piscina here: this is stateless, one-shot, parallel work (import a module, validate,
 * return data), which is what a task pool is for. Running it off the main thread means a plugin
 * whose top-level code throws, hangs or allocates wildly fails its task, not the agent. The
 * stateful, long-lived plugin instances run in supervised dedicated workers instead (threads/,
 * collect/, handle/), because piscina may move a task to any thread and recycles threads at will.
 */
export class PluginIntrospector {
  private pool: Piscina | undefined;

  constructor(private readonly timeoutMs = 15_000) {}

  async introspect(request: IntrospectRequest): Promise<IntrospectResponse> {
    this.pool ??= new Piscina({
      filename: new URL('./introspect-task.js', import.meta.url).href,
      minThreads: 0,
      maxThreads: 2,
      idleTimeout: 500,
    });
    try {
      return (await this.pool.run(request, { signal: AbortSignal.timeout(this.timeoutMs) })) as IntrospectResponse;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const timedOut = (error as { name?: string }).name === 'AbortError' || /abort/i.test(message);
      return {
        ok: false,
        code: 'SPINEL_PLUGIN_INVALID',
        message: timedOut ? `loading the module did not finish within ${this.timeoutMs} ms` : `loading the module failed: ${message}`,
      };
    }
  }

  /** Ends the pool's threads; start-up is over and they would only cost memory. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}
