import { readFileSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// The console under test is the production build that scripts/test.mjs started with the demo stack;
// its URL comes from the stack's state file. Debian's Chromium, never a downloaded browser.
function consoleUrl(): string {
  const file = process.env.MERIDIAN_TEST_STATE;
  if (!file) return process.env.MERIDIAN_URL ?? 'http://127.0.0.1:3000';
  return (JSON.parse(readFileSync(file, 'utf8')) as { consoleUrl: string }).consoleUrl;
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/artifacts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json']],
  // `default` runs against the default demo stack; `gke` (e2e/gke/) against the gke flavour's stack
  // (scripts/test.mjs starts each and points MERIDIAN_TEST_STATE at it).
  projects: [
    { name: 'default', testIgnore: /e2e[\\/]gke[\\/]/ },
    { name: 'gke', testDir: 'e2e/gke' },
  ],
  use: {
    baseURL: consoleUrl(),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
