// `npx playwright merge-reports --config merge.config.ts <folder of blob reports>`: the reports
// of a sharded scan (CI's shards each write a blob report), made once from all shards: the
// Playwright HTML report, Allure results, reports/summary.json and summary.md, the console matrix.
import { defineConfig } from '@playwright/test';
import { SCAN_REPORTERS } from './reporters/scan-reporters.ts';

export default defineConfig({
  testDir: 'scan',
  reporter: SCAN_REPORTERS,
});
