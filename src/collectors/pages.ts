// Browser evidence for a site: its listed pages and its flows, recorded by the one page
// recorder. Listed pages are independent, so they are visited side by side, each in its own
// fresh context (a bounded number at a time): which page set which cookie stays exact, and
// the visits are listed in the order of `pages`. Flows run meanwhile, one after another.
import path from 'node:path';
import type { Browser, BrowserContextOptions } from '@playwright/test';
import pLimit from 'p-limit';
import type { Site } from '../config/load.ts';
import type { Timeouts } from '../config/defaults.ts';
import type { PagesEvidence, PageVisit } from './types.ts';
import { Recorder, snapshotBudgetMs } from './recorder.ts';
import { firstLine } from './describe.ts';
import { Deadline, bounded } from './bounded.ts';
import { runFlows } from './flows.ts';

/** Listed pages of one site open at once. */
export const PAGES_AT_ONCE = 4;

export interface BrowserCollectOptions {
  timeouts: Timeouts;
  /** Where this site's screenshots go. */
  screenshotDir: string;
  secrets: readonly string[];
  /** Options of every context (none today; library mode and tests may add some). */
  contextOptions?: BrowserContextOptions;
}

/** The longest one listed page may take, navigation included. */
export const visitBudgetMs = (t: Timeouts): number => t.pageMs + snapshotBudgetMs(t);

async function visitListedPage(browser: Browser, site: Site, pagePath: string, options: BrowserCollectOptions, index: number): Promise<PageVisit> {
  const startedAt = Date.now();
  const deadline = new Deadline(visitBudgetMs(options.timeouts));
  const url = new URL(pagePath, site.url).href;
  const context = await browser.newContext(options.contextOptions);
  const recorder = Recorder.attach(context, {
    timeouts: options.timeouts,
    secrets: options.secrets,
    ...(site.screenshots ? { screenshotDir: path.join(options.screenshotDir, `page-${index + 1}`) } : {}),
  });
  try {
    const page = await context.newPage();
    await recorder.track(page);
    const nav = await Recorder.goto(page, url, options.timeouts.pageMs);
    return await recorder.snapshot(page, { kind: 'page', path: pagePath }, { url, ...nav, settle: 'page', deadline, startedAt });
  } finally {
    await recorder.detach();
    await bounded(context.close(), options.timeouts.pageMs, undefined);
  }
}

/** A page the browser could not even open (the browser or its context failed). */
function unopened(site: Site, pagePath: string, err: unknown, startedAt: number): PageVisit {
  const url = new URL(pagePath, site.url).href;
  const error = `the browser failed: ${firstLine(err)}`;
  return {
    origin: { kind: 'page', path: pagePath },
    url,
    error,
    unread: [{ target: url, reason: error }],
    responses: [],
    navigations: [],
    links: [],
    notes: [],
    mixedContent: [],
    insecureReferences: [],
    forms: [],
    cookies: [],
    elapsedMs: Date.now() - startedAt,
  };
}

export async function collectPages(browser: Browser, site: Site, options: BrowserCollectOptions): Promise<PagesEvidence> {
  const limit = pLimit(PAGES_AT_ONCE);
  const visit = (p: string, i: number) =>
    limit(async () => {
      const startedAt = Date.now();
      return visitListedPage(browser, site, p, options, i).catch((err: unknown) => unopened(site, p, err, startedAt));
    });
  const [visits, flows] = await Promise.all([
    Promise.all(site.pages.map(visit)),
    runFlows(browser, site, options),
  ]);
  return { browserVersion: browser.version(), visits: [...visits, ...flows.visits], flows: flows.runs };
}
