// What one page did, captured from the browser's events as they happen: every response
// (redirects included, Set-Cookie values masked), every navigation the page started, what
// Chromium reported as mixed content, whether its renderer crashed, why its last main-frame
// navigation failed, and how busy its network is and when its document loaded (for settling). A snapshot drains it into
// plain data. Every listener is added at once, before any await: a page opened by the page
// itself or by a test may start loading immediately, and its first requests must not be missed.
import type { CDPSession, Locator, Page, Request, Response } from '@playwright/test';
import type { MixedContentReport, NavigationRequest, ObservedResponse } from '../model/evidence.ts';
import { resolveUrl } from '../model/url.ts';
import { bounded } from './bounded.ts';
import { type MixedContentWatch, watchMixedContent } from './mixed-content-watch.ts';
import { RawResponses, withRawResponses } from './raw-responses.ts';

const MASKED = '(value not recorded)';
/** Cookie values may be session tokens: keep the name and attributes, drop the value. */
export const maskCookieValue = (setCookie: string): string =>
  setCookie.replace(/^([^=;]*=)[^;]*/, (_, name: string) => `${name}${MASKED}`);

/** Header lines with every Set-Cookie value masked. */
const masked = (headers: [string, string][]): [string, string][] =>
  headers.map(([name, value]) => [name, name === 'set-cookie' ? maskCookieValue(value) : value]);

function startedByPost(request: Request): boolean {
  for (let r: Request | null = request; r; r = r.redirectedFrom()) if (r.method() === 'POST') return true;
  return false;
}

/** A response as the evidence records it; undefined when the page went away mid-read. */
async function observe(page: Page, response: Response, loginWindow: boolean): Promise<ObservedResponse | undefined> {
  try {
    const request = response.request();
    const headers = (await response.headersArray()).map(({ name, value }): [string, string] => {
      const lower = name.toLowerCase();
      return [lower, lower === 'set-cookie' ? maskCookieValue(value) : value];
    });
    const location = headers.find(([n]) => n === 'location')?.[1];
    let mainFrame = false;
    try {
      mainFrame = request.frame() === page.mainFrame();
    } catch {
      // Service worker requests have no frame.
    }
    return {
      url: response.url(),
      status: response.status(),
      resourceType: request.resourceType(),
      isNavigation: request.isNavigationRequest(),
      mainFrame,
      headers,
      ...(location ? { location: resolveUrl(location, response.url()) ?? location } : {}),
      ...(loginWindow && startedByPost(request) ? { login: true as const } : {}),
    };
  } catch {
    return undefined;
  }
}

/** What a page did since its last snapshot, as plain data. */
export interface DrainedEvents {
  responses: ObservedResponse[];
  /** Responses whose headers could not be read in time. */
  missedResponses: number;
  navigations: NavigationRequest[];
  mixedContent: MixedContentReport[];
}

export class PageLog {
  /** Requests started and not yet finished or failed. */
  inflight = 0;
  /** When the network last changed (Date.now()). */
  lastActivity = Date.now();
  /** When the main frame's current document fired `load` (Date.now()); undefined until it has. */
  loadedAt?: number;
  crashed = false;
  /** Why the last main-frame navigation failed (net::ERR_...), for a page left on the browser's error page. */
  navigationFailure?: string;
  /** Fields the harness typed a secret into: masked in every screenshot of the page. */
  readonly secretFields: Locator[] = [];
  /** The page's CDP session (which also reads the jar), once attached; undefined where the browser has none. */
  readonly cdp: Promise<CDPSession | undefined>;
  private responses: Promise<ObservedResponse | undefined>[] = [];
  private navigations: NavigationRequest[] = [];
  private readonly watch: MixedContentWatch;
  /** Chromium's own record of the responses (CDP), for what Playwright's events miss or reorder. */
  private readonly raw = new RawResponses();

  /** `loginWindow`: whether a login form's submission is under way (see Recorder.markLogin). */
  constructor(page: Page, loginWindow: () => boolean) {
    this.watch = watchMixedContent(page, (session) => this.raw.listen(session));
    this.cdp = this.watch.session;
    const activity = (delta: number) => {
      this.inflight = Math.max(0, this.inflight + delta);
      this.lastActivity = Date.now();
    };
    page.on('request', () => activity(1));
    page.on('requestfinished', () => activity(-1));
    page.on('requestfailed', () => activity(-1));
    page.on('load', () => {
      this.loadedAt = Date.now();
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.loadedAt = undefined;
    });
    page.on('crash', () => {
      this.crashed = true;
    });
    page.on('request', (request) => {
      if (!request.isNavigationRequest()) return;
      const frame = request.frame();
      const from = frame.url();
      this.navigations.push({
        url: request.url(),
        mainFrame: frame === page.mainFrame(),
        from: from && from !== 'about:blank' ? from : undefined,
        redirected: request.redirectedFrom() !== null,
      });
    });
    page.on('requestfailed', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame())
        this.navigationFailure = request.failure()?.errorText;
    });
    page.on('response', (response) => this.responses.push(observe(page, response, loginWindow())));
  }

  /** Main-frame navigations since the last drain: a new document to read. */
  newDocuments(): number {
    return this.navigations.filter((n) => n.mainFrame).length;
  }

  /**
   * Everything since the last drain. Each response's headers are read on their own, within
   * `responseMs`: one that never answers (a document replaced mid-load, as in a reload loop)
   * costs only itself, not what was read.
   */
  async drain(responseMs: number): Promise<DrainedEvents> {
    const MISSED = Symbol('missed');
    const all = await Promise.all(this.responses.splice(0).map((r) => bounded(r, responseMs, MISSED)));
    const seen = all.filter((r): r is ObservedResponse => r !== undefined && r !== MISSED);
    return {
      responses: withRawResponses(seen, this.raw.take(), masked),
      missedResponses: all.filter((r) => r === MISSED).length,
      navigations: this.navigations.splice(0),
      mixedContent: this.watch.take(),
    };
  }

  /** Stops listening (bounded: a busy renderer may never answer). */
  stop(): Promise<void> {
    return this.watch.stop();
  }
}
