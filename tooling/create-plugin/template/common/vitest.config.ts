import { defineConfig } from 'vitest/config';

// The package's own config: without one, vitest run inside a Spinel clone takes the clone's root
// config, whose projects do not list this package's tests.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'] },
});
