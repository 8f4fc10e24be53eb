import {
  createMetricSpecLookup,
  SpinelError,
  validatePluginOptions,
  type Catalogue,
  type HandlerDefinition,
  type HandlerInstance,
  type OptionsSchema,
  type Sample,
} from '@spinel/sdk';
import { captureLogger, type CapturedLog } from './capture-logger.js';
import { TEST_HOST } from './collector-harness.js';

export interface HandlerHarness {
  instance: HandlerInstance;
  logs: CapturedLog[];
  /** Sends batches through `process`, in order. */
  process(...batches: Array<readonly Sample[]>): Promise<void>;
  /** Flushes and closes, as the agent does on shutdown. */
  close(): Promise<void>;
}

/** Creates a handler in-process with validated options and a capturing logger. */
export async function createHandlerHarness<S extends OptionsSchema>(
  definition: HandlerDefinition<S>,
  options: Record<string, unknown> = {},
  clock: () => number = () => Date.now() / 1000,
  /** Collector path → catalogue, as the agent passes its collectors' catalogues to handlers. */
  catalogues: Readonly<Record<string, Catalogue>> = {},
): Promise<HandlerHarness> {
  const { value, issues } = validatePluginOptions(definition, options);
  if (issues.length > 0) {
    throw new SpinelError('SPINEL_OPTION_INVALID', issues.map((i) => `${definition.name}: ${i.key}: expected ${i.expected}, found ${i.found}`).join('\n'));
  }
  const log = captureLogger();
  const instance = await definition.create({ options: value, log, hostname: TEST_HOST, now: clock, metricSpec: createMetricSpecLookup(catalogues) });
  return {
    instance,
    logs: log.lines,
    async process(...batches) {
      for (const batch of batches) await instance.process(batch);
    },
    async close() {
      await instance.flush?.();
      await instance.close?.();
    },
  };
}

/** A sample with sensible defaults, for handler tests. */
export function makeSample(partial: Partial<Sample> & Pick<Sample, 'name' | 'value'>): Sample {
  const collectorPath = partial.collectorPath ?? 'test';
  return {
    path: partial.path ?? `servers.${TEST_HOST}.${collectorPath}.${partial.name}`,
    timestamp: 1_700_000_000,
    type: 'gauge',
    precision: 0,
    host: TEST_HOST,
    dimensions: undefined,
    collectorPath,
    ...partial,
  };
}
