// Playwright tests of the security fixture inside a test suite, run against the lab by
// tests/integration/library-fixture.test.ts, which starts it and names it in LIBRARY_LAB.
import { readFileSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import type { SecurityTestOptions } from '../../src/library/playwright.ts';
import type { BrowserLab } from '../../lab/browser-lab.ts';

if (!process.env.LIBRARY_LAB)
  throw new Error('LIBRARY_LAB is not set: these tests run from tests/integration/library-fixture.test.ts');
const lab = JSON.parse(readFileSync(process.env.LIBRARY_LAB, 'utf8')) as Omit<BrowserLab, 'lab'>;

export default defineConfig<SecurityTestOptions>({
  testDir: '.',
  workers: 2,
  use: {
    launchOptions: {
      executablePath: lab.launch.executablePath,
      args: lab.launch.args,
      env: { ...process.env, HOME: lab.launch.home },
    },
    securityOptions: { ca: lab.caFile, connectTo: lab.connectTo },
  },
});
