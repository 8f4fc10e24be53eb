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

/**
 * Compiled code, and from V8 12 (Node 22+) its trusted spaces: bytecode arrays and the metadata of
 * compiled code moved there out of the sandboxed heap.
 */
const CODE_SPACES = new Set([
  'code_space',
  'code_large_object_space',
  'trusted_space',
  'trusted_large_object_space',
  'shared_trusted_space',
  'shared_trusted_large_object_space',
]);

/**
 * Heap used by data: every V8 space but the code spaces. Compiled code keeps growing for
 * hundreds of rounds while V8 tiers hot functions up (the docker collector's HTTP path: about
 * 200 bytes a round over 600 rounds); it is V8's, not something a plugin keeps per series. On
 * Node 26 the trusted space alone grew 1.2 KB a round over httpcode's first 400 rounds, which
 * made its leak test fail at 1,523 bytes a round under CI's load.
 */
export function usedHeapBytes(): number {
  let used = 0;
  for (const space of v8.getHeapSpaceStatistics()) if (!CODE_SPACES.has(space.space_name)) used += space.space_used_size;
  return used;
}
