// `npx playwright test` scans every site in the sites file (SITES_FILE, default sites.json).
// With the bundled sites.json it starts the local test lab first.
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { sitesFilePath } from './src/config/load.ts';
import { scanConfig } from './src/evidence/scan-config.ts';
import { exitOnConfigError, stopRun } from './src/config/exit.ts';
import { chromiumVersion, findChromium } from './src/browser/chromium.ts';
import { chooseBrowserTrust } from './src/browser/trust-mode.ts';
import { DEFAULT_PORT_BASE } from './lab/ports.ts';
import { supplyLabEnv } from './lab/credentials.ts';
import { SCAN_REPORTERS } from './reporters/scan-reporters.ts';

const sitesFile = sitesFilePath();
// Workers load this file too: only the runner checks the input and describes the environment.
const isRunner = !process.env.TEST_WORKER_INDEX;
// The lab runs for the bundled sites.json, or when LAB=1 asks for it; its shops' test
// credentials are supplied for the ${VAR}s the bundled sites.json reads.
const useLab = process.env.LAB ? process.env.LAB === '1' : sitesFile === path.resolve('sites.json');
if (useLab) supplyLabEnv();

// Stop before any browser starts, with one clear line per problem and no stack trace.
const hasCa = exitOnConfigError(() => scanConfig(sitesFile)).caFile !== undefined;
const browser = findChromium();
if (!browser.ok) stopRun(browser.message);

const environment = isRunner
  ? {
      browser: `${chromiumVersion(browser)} (${browser.source})`,
      browserTrust: chooseBrowserTrust(hasCa).mode,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      sitesFile,
    }
  : {};

const labPort = Number(process.env.LAB_PORT_BASE ?? DEFAULT_PORT_BASE);

export default defineConfig({
  testDir: 'scan',
  fullyParallel: true,
  workers: process.env.WORKERS ? Number(process.env.WORKERS) : 2,
  retries: 0,
  // A check itself takes milliseconds; waiting for its site's evidence adds the collection's own bound (scan/fixtures.ts).
  timeout: 60_000,
  globalSetup: './scan/global-setup.ts',
  metadata: environment,
  reporter: SCAN_REPORTERS,
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
