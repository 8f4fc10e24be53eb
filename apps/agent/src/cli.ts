#!/usr/bin/env node
import { tuneJit } from './jit.js';

// Before anything else loads, so every function and every worker's isolate gets the budget.
tuneJit();
const { main } = await import('./main.js');
const code = await main(process.argv.slice(2));
// Worker threads and pools are gone by now; exit explicitly so a lingering handle cannot hold
// the process open after a finished command.
process.exit(code);
