import { defineConfig } from 'vitest/config';

// Tests import workspace packages by name, which resolves to their built `dist/` (worker entry
// files must be real JS): `pnpm test` builds first.
export default defineConfig({
  test: {
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.json' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['packages/**/test/**/*.test.ts'], exclude: ['**/node_modules/**'] },
      },
      {
        extends: true,
        test: { name: 'agent', include: ['apps/**/test/**/*.test.ts'], exclude: ['**/node_modules/**'] },
      },
    ],
  },
});
