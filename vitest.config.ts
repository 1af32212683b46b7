import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Unit tests sit beside their code as *.test.ts. Integration tests (*.itest.ts) need the running
// demo mesh and Prometheus and have their own config (vitest.integration.config.ts).
export default defineConfig({
  resolve: {
    alias: [
      // `server-only` throws outside Next's server bundle; in tests it is an empty module.
      { find: /^server-only$/, replacement: `${root}scripts/test/server-only-stub.ts` },
      { find: /^@\/(.*)$/, replacement: `${root}$1` },
    ],
  },
  test: {
    include: ['{app,components,server,lib,scripts,deploy}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
