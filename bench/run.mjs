#!/usr/bin/env node
// Runs the benchmarks named on the command line (default: all) one after another.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const all = [
  'cycle',
  'process',
  'profile',
  'throughput',
  'delivery',
  'encoders',
  'rss',
  'docker-scale',
  'docker-churn',
  'docker-image',
  'services',
  'statsd',
  'status-memory',
];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`unknown benchmark ${name}; choose from ${all.join(', ')}`);
    process.exit(64);
  }
  console.log(`\n=== bench ${name} ===`);
  const result = spawnSync(process.execPath, [fileURLToPath(new URL(`./${name}.mjs`, import.meta.url))], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
