#!/usr/bin/env node
import { main } from './main.js';

const code = await main(process.argv.slice(2));
// Worker threads and pools are gone by now; exit explicitly so a lingering handle cannot hold
// the process open after a finished command.
process.exit(code);
