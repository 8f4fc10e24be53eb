import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Full garbage collections, without needing `node --expose-gc`: the flag is set at run time
 * and a fresh context picks up the `gc` function it exposes. Two passes by default, so objects
 * freed by the first pass's weak callbacks and finalizers are gone too (what a leak check that
 * compares rounds needs); one pass is enough for a trend read once every few minutes.
 */
export function forceGc(passes = 2): void {
  if (!collect) {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (existing) collect = existing;
    else {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    }
  }
  for (let i = 0; i < passes; i++) collect();
}

export function usedHeapBytes(): number {
  return v8.getHeapStatistics().used_heap_size;
}
