// Visits a site's pages in a real browser, one fresh context per site, and records what
// the browser saw: every response (redirects included), every navigation the page started,
// and the links in the final DOM. Never throws: a page that fails to load is recorded.
import type { Browser, Page, Response } from '@playwright/test';
import * as cheerio from 'cheerio';
import type { Site } from '../config/load.ts';
import type { Timeouts } from '../config/defaults.ts';
import type { NavigationRequest, ObservedResponse, PageLink, PagesEvidence, PageVisit } from './types.ts';

export async function collectPages(browser: Browser, site: Site, timeouts: Timeouts): Promise<PagesEvidence> {
  const context = await browser.newContext();
  const visits: PageVisit[] = [];
  try {
    for (const path of site.pages) {
      const page = await context.newPage();
      try {
        visits.push(await visit(page, new URL(path, site.url).href, path, timeouts));
      } finally {
        await page.close().catch(() => {});
      }
    }
  } finally {
    await context.close().catch(() => {});
  }
  return { browserVersion: browser.version(), visits };
}

async function visit(page: Page, url: string, path: string, timeouts: Timeouts): Promise<PageVisit> {
  const started = Date.now();
  const pending: Promise<ObservedResponse | undefined>[] = [];
  const navigations: NavigationRequest[] = [];

  page.on('request', (request) => {
    if (!request.isNavigationRequest()) return;
    const frame = request.frame();
    const mainFrame = frame === page.mainFrame();
    const from = frame.url();
    navigations.push({
      url: request.url(),
      mainFrame,
      from: from && from !== 'about:blank' ? from : undefined,
      redirected: request.redirectedFrom() !== null,
    });
  });
  page.on('response', (response) => pending.push(observe(page, response)));

  let status: number | undefined;
  let error: string | undefined;
  try {
    const response = await page.goto(url, { timeout: timeouts.pageMs, waitUntil: 'load' });
    status = response?.status();
  } catch (err) {
    error = firstLine(err);
  }
  // Late content (timers, lazy loading, script navigations) gets a bounded settle time.
  await page.waitForLoadState('networkidle', { timeout: timeouts.settleMs }).catch(() => {});
  await page.waitForTimeout(Math.min(250, timeouts.settleMs));

  const finalUrl = page.url();
  const notes: string[] = [];
  const links = await readLinks(page, finalUrl, notes);
  const responses = (await Promise.all(pending)).filter((r): r is ObservedResponse => r !== undefined);
  return { path, url, finalUrl, status, error, responses, navigations, links, notes, elapsedMs: Date.now() - started };
}

async function observe(page: Page, response: Response): Promise<ObservedResponse | undefined> {
  try {
    const request = response.request();
    const headers = (await response.headersArray()).map(({ name, value }): [string, string] => [name.toLowerCase(), value]);
    const location = headers.find(([n]) => n === 'location')?.[1];
    let frameIsMain = false;
    try {
      frameIsMain = request.frame() === page.mainFrame();
    } catch {
      // Service worker requests have no frame.
    }
    return {
      url: response.url(),
      status: response.status(),
      resourceType: request.resourceType(),
      isNavigation: request.isNavigationRequest(),
      mainFrame: frameIsMain,
      headers,
      location: location ? safeResolve(location, response.url()) : undefined,
    };
  } catch {
    return undefined; // The page or context went away mid-read.
  }
}

/** Past this size the DOM is not parsed: a hostile page must not stall the run. */
export const MAX_HTML_BYTES = 5_000_000;

async function readLinks(page: Page, pageUrl: string, notes: string[]): Promise<PageLink[]> {
  let html: string;
  try {
    html = await page.content();
  } catch (err) {
    notes.push(`could not read the page's HTML: ${firstLine(err)}`);
    return [];
  }
  if (html.length > MAX_HTML_BYTES) {
    notes.push(`HTML of ${html.length} characters is over the ${MAX_HTML_BYTES} limit: links were not read`);
    return [];
  }
  const $ = cheerio.load(html);
  // cheerio does not apply <base href>: resolve against it ourselves.
  const base = safeResolve($('base[href]').attr('href') ?? pageUrl, pageUrl);
  return $('a[href], area[href]')
    .toArray()
    .map((el) => $(el).attr('href')!.trim())
    .filter((href) => href && !href.startsWith('#'))
    .map((href) => ({ href: safeResolve(href, base), pageUrl }));
}

function safeResolve(href: string, base: string): string {
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}
