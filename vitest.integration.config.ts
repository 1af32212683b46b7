import { defineConfig } from 'vitest/config';
import unit from './vitest.config';

// Integration tests run against the running demo stack (demo mesh, real Prometheus, console) that
// scripts/test.mjs starts; MERIDIAN_TEST_STATE points at its state.json. Same resolution as the
// unit config; only the test files and time limits differ (spread, not mergeConfig, which would
// append to the unit `include`).
export default defineConfig({
  ...unit,
  test: {
    ...unit.test,
    include: ['e2e/integration/**/*.itest.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
