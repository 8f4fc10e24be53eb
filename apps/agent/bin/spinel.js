#!/usr/bin/env node
// The workspace's bin: present before the build, so `pnpm install` in a fresh clone links it
// without a warning. The published package points its bin at dist/cli.js (publishConfig).
await import('../dist/cli.js');
