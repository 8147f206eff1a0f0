// `npm run screenshots`: pictures of the reports for the README (docs/report-*.png), taken with
// Playwright in the scan's Chromium. Run after a scan of the lab and `npm run report`:
//   npx playwright test; npm run report; npm run screenshots
// Each report is opened at one failed check (TEST, default "hsts-flaws › hsts").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { findChromium } from '../src/browser/chromium.ts';
import { htmlPage } from '../src/report/markdown.ts';
import { serveFolder } from './serve-folder.ts';

const [site, check] = (process.env.TEST ?? 'hsts-flaws › hsts').split(' › ') as [string, string];
const OUT = 'docs';

const choice = findChromium();
if (!choice.ok) throw new Error(choice.message);
const browser = await chromium.launch({ executablePath: choice.executablePath });
const page = await browser.newPage({ viewport: { width: 1280, height: 960 } });

async function shoot(folder: string, name: string, open: (page: Page) => Promise<void>): Promise<void> {
  const server = await serveFolder(path.resolve(folder));
  try {
    await page.goto(server.url);
    await open(page);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, name) });
    console.log(`wrote ${path.join(OUT, name)}`);
  } finally {
    await server.close();
  }
}

await shoot('playwright-report', 'report-playwright.png', async (p) => {
  await p.getByRole('link', { name: /^Failed\d+$/ }).click();
  await p.getByRole('link', { name: `${site} › ${check}`, exact: true }).click();
  await p.getByText('Remediation:').waitFor();
});

await shoot('allure-report', 'report-allure.png', async (p) => {
  await p.getByRole('button', { name: /^Failed \d+$/ }).click();
  // The tree lists each site, then its checks: the first entry named after the check below the site.
  await p
    .locator(`xpath=//*[normalize-space(text())="${site}"]/following::*[normalize-space(text())="${check}"][1]`)
    .click();
  await p.getByRole('heading', { name: check }).waitFor();
});

await page.setViewportSize({ width: 1600, height: 1000 });
await page.setContent(htmlPage('summary.md', readFileSync('reports/summary.md', 'utf8')));
await page.screenshot({ path: path.join(OUT, 'report-summary.png') });
console.log(`wrote ${path.join(OUT, 'report-summary.png')}`);
await browser.close();
