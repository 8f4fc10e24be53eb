/** Diamond's MAX_COUNTER, for a counter that wraps at 2^64 - 1: pass it as `max`. */
export const MAX_COUNTER = 2 ** 64 - 1;

export interface DerivativeOptions {
  /**
   * The counter's width: the value at which it wraps (for example {@link MAX_COUNTER}). Default 0,
   * Diamond's default: the counter has no width, so a value lower than the previous one is a reset
   * (a restarted server), and that run's rate is 0, never a wrap of 1.8e19.
   */
  max?: number;
  /** Divide by the interval (a per-second rate). Default true. */
  timeDelta?: boolean;
  /** Override the interval in seconds (default: the collector's configured interval). */
  interval?: number;
  /** Keep negative results instead of clamping them to 0. Default false. */
  allowNegative?: boolean;
  /** Scope the stored previous value to an instance, as Diamond's `instance=`. */
  instance?: string;
}

/**
 * Diamond's derivative: `(new - old) / interval`. A new value below the old one is a wrap when the
 * counter has a width (`max`), else a reset; a negative result (a reset) is 0 unless allowed.
 */
export function computeDerivative(
  previous: number,
  current: number,
  interval: number,
  options: Pick<DerivativeOptions, 'max' | 'timeDelta' | 'allowNegative'> = {},
): number {
  const max = options.max ?? 0;
  const old = current < previous ? previous - max : previous;
  const divisor = options.timeDelta === false ? 1 : interval;
  const result = (current - old) / divisor;
  return result < 0 && !options.allowNegative ? 0 : result;
}
