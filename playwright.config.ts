import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './tests/helpers/chromium';

// Debian's Chromium (no browser download here); the flags keep it off the closed network.
const executablePath = chromiumPath();

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: CHROMIUM_FLAGS,
    },
    trace: 'retain-on-failure',
  },
});
