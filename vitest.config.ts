import { defineConfig } from 'vitest/config';

// GPU tests share one software adapter on a 2-core machine: run files one at a time.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    // A missing WebGPU adapter (or Chromium) fails the run instead of skipping its tests; set
    // REQUIRE_GPU=0 to skip them on a machine without either. Set here, not in the npm script, so
    // `npm test` runs from any shell.
    env: { REQUIRE_GPU: process.env.REQUIRE_GPU ?? '1' },
  },
});
