#!/usr/bin/env node
import { tuneJit } from './jit.js';

// Before anything else loads, so every function and every worker's isolate gets the budget.
tuneJit();
// `spinel collect cpu --json | head -2`: the reader left, which is how a pipe says "enough".
// Stop quietly, as cat and grep do, rather than print a stack for an unhandled EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
const { main } = await import('./main.js');
const code = await main(process.argv.slice(2));
// Writes to a pipe are asynchronous and process.exit() drops what is still queued (a large
// `spinel collect --json | jq` lost its tail); an empty write calls back once all before it left.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
// Worker threads and pools are gone by now; exit explicitly so a lingering handle cannot hold
// the process open after a finished command.
process.exit(code);
