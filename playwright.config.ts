// `npx playwright test` scans every site in the sites file (SITES_FILE, default sites.json).
// With the bundled sites.json it starts the local test lab first.
import { defineConfig } from '@playwright/test';
import { SCAN_REPORTERS } from './reporters/scan-reporters.ts';

// Workers load this file too, once per worker start: only the runner checks the input, finds
// the browser, describes the environment and starts the lab (scan/runner-setup.ts, imported
// only here so that a worker start does not pay for it).
const isRunner = !process.env.TEST_WORKER_INDEX;
const runner = isRunner ? (await import('./scan/runner-setup.ts')).runnerSetup() : {};

export default defineConfig({
  testDir: 'scan',
  fullyParallel: true,
  workers: process.env.WORKERS ? Number(process.env.WORKERS) : 2,
  retries: 0,
  // A check itself takes milliseconds; waiting for its site's evidence adds the collection's own bound (scan/fixtures.ts).
  timeout: 60_000,
  globalSetup: './scan/global-setup.ts',
  reporter: SCAN_REPORTERS,
  ...runner,
});
