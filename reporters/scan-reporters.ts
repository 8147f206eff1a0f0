// The reporters of a scan, shared by the run (playwright.config.ts) and by the merge of a
// sharded run's blob reports (merge.config.ts), so both produce the same reports.
import type { ReporterDescription } from '@playwright/test';

export const SCAN_REPORTERS: ReporterDescription[] = [
  ['./reporters/console-reporter.ts'],
  ['html', { open: 'never', outputFolder: process.env.PLAYWRIGHT_HTML_OUTPUT_DIR || 'playwright-report' }],
  [
    './reporters/allure-reporter.ts',
    { resultsDir: process.env.ALLURE_RESULTS_DIR || 'allure-results', detail: false, suiteTitle: false },
  ],
  ['./reporters/plan-reporter.ts'],
  ['./reporters/summary-reporter.ts'],
];
