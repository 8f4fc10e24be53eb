import { describeFailure, type RunFailure } from '../channel/run.js';

/**
 * Runs `work` until it settles or `timeoutMs` passes; at the deadline `controller` is aborted with
 * `reason` (so the plugin's requests stop) and the run counts as timed out. Never throws.
 */
export async function withRunDeadline(
  work: () => unknown,
  timeoutMs: number,
  controller: AbortController,
  reason: string,
): Promise<{ timedOut: boolean; error: RunFailure | undefined }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(reason));
      resolve('timeout');
    }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([Promise.resolve(work()).then(() => 'done' as const), deadline]);
    return { timedOut: outcome === 'timeout', error: undefined };
  } catch (caught) {
    return { timedOut: controller.signal.aborted, error: describeFailure(caught) };
  } finally {
    clearTimeout(timer);
  }
}
