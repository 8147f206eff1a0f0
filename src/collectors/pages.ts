// Visits a site's pages in a real browser, one fresh context per site, and records what
// the browser saw: every response (redirects included, Set-Cookie values masked), every
// navigation the page started, the links, insecure references and forms of the final DOM
// of every frame, what the browser reported as mixed content, the cookies each visit put
// in the jar, and a screenshot. Never throws: a page that fails to load is recorded.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Response } from '@playwright/test';
import type { Site } from '../config/load.ts';
import type { Timeouts } from '../config/defaults.ts';
import type { FormSnapshot, NavigationRequest, ObservedResponse, PageLink, PagesEvidence, PageVisit, ResourceReference } from './types.ts';
import { watchMixedContent } from './mixed-content-watch.ts';
import { changedCookies, readJar, type JarSnapshot } from './cookie-jar.ts';
import { scanDocument } from './page-scan.ts';
import { bounded } from './bounded.ts';
import { resolveUrl } from '../net/url.ts';

export async function collectPages(browser: Browser, site: Site, timeouts: Timeouts, screenshotDir: string): Promise<PagesEvidence> {
  const context = await browser.newContext();
  const visits: PageVisit[] = [];
  mkdirSync(screenshotDir, { recursive: true });
  try {
    let jar: JarSnapshot = new Map();
    for (const [i, pagePath] of site.pages.entries()) {
      const page = await context.newPage();
      try {
        const screenshot = path.join(screenshotDir, `${site.name.replace(/[^A-Za-z0-9._-]/g, '_')}-${i + 1}.png`);
        const result = await visit(page, new URL(pagePath, site.url).href, pagePath, timeouts, screenshot);
        const after = await bounded(readJar(page), timeouts.requestMs, jar);
        visits.push({ ...result, cookies: changedCookies(jar, after) });
        jar = after;
      } finally {
        await page.close().catch(() => {});
      }
    }
  } finally {
    await context.close().catch(() => {});
  }
  return { browserVersion: browser.version(), visits };
}

async function visit(page: Page, url: string, path: string, timeouts: Timeouts, screenshot: string): Promise<PageVisit> {
  const started = Date.now();
  // Reading a loaded page (DOM, screenshot) is quick; this bound only stops a hostile page from stalling us.
  const readMs = Math.max(1_000, timeouts.settleMs);
  const watch = await watchMixedContent(page);
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
    // Still loading after pageMs (an endless or huge page): stop it, so reading it stays quick.
    await bounded(page.evaluate(() => window.stop()), readMs, undefined);
  }
  // Late content (timers, lazy loading, script navigations) gets a bounded settle time;
  // scrolling to the bottom brings lazy images and iframes into view.
  await bounded(page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight)), timeouts.settleMs, undefined);
  await page.waitForLoadState('networkidle', { timeout: timeouts.settleMs }).catch(() => {});
  await page.waitForTimeout(Math.min(250, timeouts.settleMs));

  const finalUrl = page.url();
  const notes: string[] = [];
  const { links, insecureReferences, forms } = await readFrames(page, readMs, notes);
  const shot = await page.screenshot({ path: screenshot, timeout: 2 * readMs }).then(() => screenshot, () => undefined);
  const mixedContent = await watch.stop();
  const responses = (await Promise.all(pending)).filter((r): r is ObservedResponse => r !== undefined);
  return {
    path,
    url,
    finalUrl,
    status,
    error,
    responses,
    navigations,
    links,
    mixedContent,
    insecureReferences,
    forms,
    cookies: [],
    notes,
    ...(shot ? { screenshot: shot } : {}),
    elapsedMs: Date.now() - started,
  };
}

async function observe(page: Page, response: Response): Promise<ObservedResponse | undefined> {
  try {
    const request = response.request();
    const headers = (await response.headersArray()).map(({ name, value }): [string, string] => {
      const lower = name.toLowerCase();
      return [lower, lower === 'set-cookie' ? maskCookieValue(value) : value];
    });
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
      location: location ? (resolveUrl(location, response.url()) ?? location) : undefined,
    };
  } catch {
    return undefined; // The page or context went away mid-read.
  }
}

/** Cookie values may be session tokens: keep the name and attributes, drop the value. */
function maskCookieValue(setCookie: string): string {
  return setCookie.replace(/^([^=;]*=)[^;]*/, (_, name: string) => `${name}${MASKED}`);
}
const MASKED = '(value not recorded)';

/** Past this size a frame's HTML is not parsed: a hostile page must not stall the run. */
export const MAX_HTML_BYTES = 5_000_000;

/** Links of the main frame; insecure references and forms of every https frame. */
async function readFrames(
  page: Page,
  timeoutMs: number,
  notes: string[],
): Promise<{ links: PageLink[]; insecureReferences: ResourceReference[]; forms: FormSnapshot[] }> {
  const out = { links: [] as PageLink[], insecureReferences: [] as ResourceReference[], forms: [] as FormSnapshot[] };
  for (const frame of page.frames()) {
    const frameUrl = frame.url();
    if (!frameUrl.startsWith('https://') && !frameUrl.startsWith('http://')) continue;
    const html = await bounded(frame.content(), timeoutMs, undefined);
    if (html === undefined) {
      notes.push(`could not read the HTML of ${frameUrl} within ${timeoutMs} ms`);
      continue;
    }
    if (html.length > MAX_HTML_BYTES) {
      notes.push(`HTML of ${frameUrl} (${html.length} characters) is over the ${MAX_HTML_BYTES} limit: not scanned`);
      continue;
    }
    const scan = scanDocument(html, frameUrl);
    if (frame === page.mainFrame()) out.links = scan.links;
    // An http page is insecure as a whole; its references are not mixed content.
    if (frameUrl.startsWith('https://')) out.insecureReferences.push(...scan.insecureReferences);
    out.forms.push(...scan.forms);
  }
  return out;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}
