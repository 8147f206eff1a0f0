// `npx playwright test` scans every site in the sites file (SITES_FILE, default sites.json).
// With the bundled sites.json it starts the local test lab first.
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { loadScanConfig, sitesFilePath } from './src/config/load.ts';
import { ConfigError } from './src/config/errors.ts';
import { chromiumVersion, findChromium } from './src/browser/chromium.ts';
import { DEFAULT_PORT_BASE } from './lab/ports.ts';
import { stopRun } from './fixtures/stop-run.ts';

const sitesFile = sitesFilePath();

// Stop before any browser starts, with one clear line per problem and no stack trace.
try {
  loadScanConfig(sitesFile);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  stopRun(err.message);
}
const browser = findChromium();
if (!browser.ok) stopRun(browser.message);

const environment = {
  browser: `${chromiumVersion(browser)} (${browser.source})`,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  sitesFile,
};

// The lab runs for the bundled sites.json, or when LAB=1 asks for it.
const useLab = process.env.LAB ? process.env.LAB === '1' : sitesFile === path.resolve('sites.json');
const labPort = Number(process.env.LAB_PORT_BASE ?? DEFAULT_PORT_BASE);

export default defineConfig({
  testDir: 'tests/scan',
  fullyParallel: true,
  workers: process.env.WORKERS ? Number(process.env.WORKERS) : 2,
  retries: 0,
  // Evidence for a site (every page, every host) is collected inside the first test that needs it.
  timeout: 180_000,
  globalSetup: './fixtures/global-setup.ts',
  metadata: environment,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
    ['allure-playwright', { resultsDir: 'allure-results', detail: false, suiteTitle: false, environmentInfo: environment }],
    ['./reporters/summary-reporter.ts'],
  ],
  webServer: useLab
    ? {
        command: 'npx tsx lab/main.ts',
        url: `http://127.0.0.1:${labPort}/__lab/ready`,
        reuseExistingServer: true,
        timeout: 60_000,
        stdout: 'pipe',
      }
    : undefined,
});
