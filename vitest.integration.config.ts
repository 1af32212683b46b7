import { defineConfig, mergeConfig } from 'vitest/config';
import unit from './vitest.config';

// Integration tests run against the running demo stack (demo mesh, real Prometheus, console) that
// scripts/test.mjs starts; MERIDIAN_TEST_STATE points at its state.json.
export default mergeConfig(
  unit,
  defineConfig({
    test: {
      include: ['e2e/integration/**/*.itest.ts'],
      testTimeout: 180_000,
      hookTimeout: 180_000,
      fileParallelism: false,
    },
  }),
);
