/** Diamond's MAX_COUNTER: counters wrap at 2^64 - 1 unless told otherwise. */
export const MAX_COUNTER = 2 ** 64 - 1;

export interface DerivativeOptions {
  /** The value at which the counter wraps. Default {@link MAX_COUNTER}; 0 means "never wraps". */
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
 * Diamond's derivative: `(new - old) / interval`, where a new value below the old one means the
 * counter wrapped at `max`; a negative result is clamped to 0 unless allowed.
 */
export function computeDerivative(
  previous: number,
  current: number,
  interval: number,
  options: Pick<DerivativeOptions, 'max' | 'timeDelta' | 'allowNegative'> = {},
): number {
  const max = options.max ?? MAX_COUNTER;
  const old = current < previous ? previous - max : previous;
  const divisor = options.timeDelta === false ? 1 : interval;
  const result = (current - old) / divisor;
  return result < 0 && !options.allowNegative ? 0 : result;
}
