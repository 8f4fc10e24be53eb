import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | undefined;

/**
 * A full garbage collection, without needing `node --expose-gc`: the flag is set at run time
 * and a fresh context picks up the `gc` function it exposes.
 */
export function forceGc(): void {
  if (!collect) {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (existing) collect = existing;
    else {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    }
  }
  collect();
  collect();
}

export function usedHeapBytes(): number {
  return v8.getHeapStatistics().used_heap_size;
}
