// What only the runner does when it loads playwright.config.ts: supply the lab's credentials,
// stop on bad input before any browser starts, find the browser and describe the environment.
// Workers load the config too, once per worker start (after every failing check): the config
// imports this module only in the runner, so no worker loads the sites file's validator, the
// browser discovery or the lab.
import path from 'node:path';
import type { PlaywrightTestConfig } from '@playwright/test';
import { sitesFilePath } from '../src/config/load.ts';
import { scanConfig } from '../src/evidence/scan-config.ts';
import { exitOnConfigError, stopRun } from '../src/config/exit.ts';
import { chromiumVersion, findChromium } from '../src/browser/chromium.ts';
import { chooseBrowserTrust } from '../src/browser/trust-mode.ts';
import { DEFAULT_PORT_BASE } from '../lab/ports.ts';
import { supplyLabEnv } from '../lab/credentials.ts';

export function runnerSetup(): Pick<PlaywrightTestConfig, 'metadata' | 'webServer'> {
  const sitesFile = sitesFilePath();
  // The lab runs for the bundled sites.json, or when LAB=1 asks for it; its shops' test
  // credentials are supplied for the ${VAR}s the bundled sites.json reads (workers inherit them).
  const useLab = process.env.LAB ? process.env.LAB === '1' : sitesFile === path.resolve('sites.json');
  if (useLab) supplyLabEnv();

  // Stop before any browser starts, with one clear line per problem and no stack trace.
  const hasCa = exitOnConfigError(() => scanConfig(sitesFile)).caFile !== undefined;
  const browser = findChromium();
  if (!browser.ok) stopRun(browser.message);

  const labPort = Number(process.env.LAB_PORT_BASE ?? DEFAULT_PORT_BASE);
  return {
    metadata: {
      browser: `${chromiumVersion(browser)} (${browser.source})`,
      browserTrust: chooseBrowserTrust(hasCa).mode,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      sitesFile,
    },
    webServer: useLab
      ? {
          command: 'npx tsx lab/main.ts',
          url: `http://127.0.0.1:${labPort}/__lab/ready`,
          reuseExistingServer: true,
          timeout: 60_000,
          stdout: 'pipe',
        }
      : undefined,
  };
}
