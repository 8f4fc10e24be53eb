#!/usr/bin/env node
// `pnpm create @spinel/plugin <collector|handler> <name> [--dir DIR]`
import { runCreate } from './cli.js';

process.exit(
  runCreate(
    process.argv.slice(2),
    (line) => console.log(line),
    (line) => console.error(line),
  ),
);
