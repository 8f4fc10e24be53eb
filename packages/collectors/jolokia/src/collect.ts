import { SpinelError } from '@spinel/sdk';
import { IGNORED_DOMAINS, type JolokiaReader } from './reader.js';

/** What one Jolokia collector keeps between runs and how it names what it reads. */
export interface JolokiaState {
  reader: JolokiaReader;
  /** Configured domains, or the agent's list once read (Diamond lists once, then keeps it). */
  domains: string[];
  mbeans: readonly RegExp[];
  /** Raw `mbean.attribute.path` to the published name; '' leaves the figure out. */
  name: (text: string) => string;
  /** A list attribute (`mbean.attribute`) and its values; Diamond's base collector passes lists over. */
  list?: (prefix: string, values: readonly unknown[], publish: (name: string, value: number) => void) => void;
}

/** Diamond's _check_mbean: no `mbeans` reads all; else a pattern matching the start of the raw or the published name. */
function wanted(state: JolokiaState, mbean: string): boolean {
  if (state.mbeans.length === 0) return true;
  const published = state.name(mbean);
  return state.mbeans.some((re) => re.exec(mbean)?.index === 0 || re.exec(published)?.index === 0);
}

/** Diamond's collect_bean: numbers published, objects walked, lists to the list hook, the rest passed over. */
function walk(state: JolokiaState, prefix: string, attributes: Record<string, unknown>, publish: (name: string, value: number) => void): void {
  for (const [key, value] of Object.entries(attributes)) {
    const path = `${prefix}.${key}`;
    if (typeof value === 'number') {
      const name = state.name(path);
      if (name !== '' && Number.isFinite(value)) publish(name, value);
    } else if (Array.isArray(value)) state.list?.(path, value, publish);
    else if (typeof value === 'object' && value !== null) walk(state, path, value as Record<string, unknown>, publish);
  }
}

/** One run: the domain list if not known yet, then each domain's MBeans. A domain that fails is named and the others read. */
export async function collectJolokia(state: JolokiaState, signal: AbortSignal, publish: (name: string, value: number) => void): Promise<void> {
  if (state.domains.length === 0) state.domains = await state.reader.domains(signal);
  const failures: string[] = [];
  for (const domain of state.domains) {
    if (IGNORED_DOMAINS.has(domain)) continue;
    let mbeans: Record<string, unknown>;
    try {
      mbeans = await state.reader.readDomain(domain, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      failures.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    for (const [mbean, attributes] of Object.entries(mbeans)) {
      if (typeof attributes === 'object' && attributes !== null && wanted(state, mbean)) walk(state, mbean, attributes as Record<string, unknown>, publish);
    }
  }
  if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
}
