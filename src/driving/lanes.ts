// Listed pages, visited in lanes side by side: each lane is a fresh browser context with one tab
// that goes from page to page. Starting a context costs about as much CPU as loading a page; within
// a lane the snapshots follow each other, so which page set which cookie stays exact. Each page's
// late content runs in virtual time, which leaves its renderer paused: the tab moves to a data: URL
// (a fresh renderer) before its next page. A flow's signed-in visits use lanes too.
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import type { Timeouts } from '../model/defaults.ts';
import type { PageVisit, VisitOrigin } from '../model/evidence.ts';
import type { Site } from '../model/site.ts';
import { firstLine } from '../model/text.ts';
import { bounded, Deadline } from '../recording/bounded.ts';
import { Recorder, snapshotBudgetMs } from '../recording/recorder.ts';
import { goto, scrollToBottom } from './navigate.ts';

/**
 * Listed pages per lane, and lanes per site at most: a lane's renderer start costs about as much
 * CPU as two or three pages, so a site gets one lane per five pages (a 5-page site visits them
 * in turn, a 20-page site in four lanes side by side).
 */
export const PAGES_PER_LANE = 5;
export const MAX_LANES = 4;
export const lanesFor = (pages: number): number => Math.min(MAX_LANES, Math.max(1, Math.ceil(pages / PAGES_PER_LANE)));

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

/** One page: navigate, scroll to the bottom, then snapshot what the recorder saw, within the visit's budget. */
export async function visitPage(
  page: Page,
  recorder: Recorder,
  site: Site,
  pagePath: string,
  origin: VisitOrigin,
  options: BrowserCollectOptions,
): Promise<PageVisit> {
  const startedAt = Date.now();
  const deadline = new Deadline(visitBudgetMs(options.timeouts));
  const url = new URL(pagePath, site.url).href;
  const nav = await goto(page, url, options.timeouts.pageMs);
  if (!nav.error) await scrollToBottom(page, deadline.cap(options.timeouts.settleMs));
  return recorder.snapshot(page, origin, { url, ...nav, settle: 'virtual', deadline, startedAt });
}

/** A page of a lane: its path, its place in the site's list, and how the report names it. */
export interface LanePage {
  path: string;
  index: number;
  origin: VisitOrigin;
}

/** Pages visited in one lane: where they are listed, how the report names them, and the lane's context. */
export interface Lane {
  pages: LanePage[];
  /** Under the site's screenshot folder. */
  screenshots: string;
  /** A flow's visits start from its signed-in state. */
  contextOptions?: BrowserContextOptions;
  /** Asked before each page: true leaves the lane's remaining pages unvisited (the discovery crawl's time budget). */
  stop?: () => boolean;
}

/** One lane: a context and a tab visiting its pages in turn. */
export async function visitLane(
  browser: Browser,
  site: Site,
  lane: Lane,
  options: BrowserCollectOptions,
): Promise<[number, PageVisit][]> {
  const visits: [number, PageVisit][] = [];
  const startedAt = Date.now();
  let context: BrowserContext;
  try {
    context = await browser.newContext({ ...options.contextOptions, ...lane.contextOptions });
  } catch (err) {
    return lane.pages.map(({ path: p, index, origin }) => [index, unopened(site, p, origin, err, startedAt)]);
  }
  const recorder = Recorder.attach(context, {
    timeouts: options.timeouts,
    secrets: options.secrets,
    ...(site.screenshots ? { screenshotDir: path.join(options.screenshotDir, lane.screenshots) } : {}),
  });
  let page: Page | undefined;
  try {
    for (const [i, { path: pagePath, index, origin }] of lane.pages.entries()) {
      if (lane.stop?.()) break;
      const last = i === lane.pages.length - 1;
      try {
        if (!page) {
          page = await context.newPage();
          await recorder.track(page);
        }
        const visit = await visitPage(page, recorder, site, pagePath, origin, options);
        visits.push([index, visit]);
        // A page that could not be read may have left its tab unusable (a busy or crashed renderer):
        // the next one gets a new tab. One that was read sits in a renderer its virtual time left
        // paused (a same-site page would keep it): a data: URL gives the tab a fresh one.
        if (visit.unread.length > 0 || (!last && !(await freshRenderer(page, options.timeouts.pageMs)))) {
          await bounded(page.close(), options.timeouts.pageMs, undefined);
          page = undefined;
        }
      } catch (err) {
        visits.push([index, unopened(site, pagePath, origin, err, Date.now())]);
        page = undefined;
      }
    }
  } finally {
    await recorder.detach();
    await bounded(context.close(), options.timeouts.pageMs, undefined);
  }
  return visits;
}

/** Moves the tab to a data: URL, which always starts a new renderer; false when it could not. */
async function freshRenderer(page: Page, ms: number): Promise<boolean> {
  const moved = page.goto('data:text/html,', { timeout: ms }).then(
    () => true,
    () => false,
  );
  return bounded(moved, ms, false);
}

/** A page the browser could not even open (the browser or its context failed). */
function unopened(site: Site, pagePath: string, origin: VisitOrigin, err: unknown, startedAt: number): PageVisit {
  const url = new URL(pagePath, site.url).href;
  const error = `the browser failed: ${firstLine(err)}`;
  return {
    origin,
    url,
    error,
    unread: [{ target: url, kind: 'browser-failed', reason: error }],
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
