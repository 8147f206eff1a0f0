// The one page recorder. Listed pages, flows and a team's own tests (library mode) all drive
// pages their own way; this records what the browser saw while they did, the same way for
// all of them: every response (redirects included, Set-Cookie values masked), every
// navigation a page started, what Chromium reported as mixed content, and, at each
// snapshot, the links, insecure references and forms of every frame of the final DOM, the
// cookies that appeared in the jar since the last snapshot, and a screenshot with the fields
// and text holding secrets masked. Never throws: what cannot be read is recorded as unread.
// Firefox and WebKit have no CDP: there Chromium's own mixed-content reports and the jar are
// not read, and each visit says so in its notes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession, Locator, Page, Request, Response } from '@playwright/test';
import type { Timeouts } from '../model/defaults.ts';
import type { NavigationRequest, ObservedResponse, PageVisit, Unread, VisitOrigin } from '../model/evidence.ts';
import { watchMixedContent, type MixedContentWatch } from './mixed-content-watch.ts';
import { changedCookies, readJar, type JarSnapshot } from './cookie-jar.ts';
import { readPage } from './page-read.ts';
import { bounded, Deadline } from './bounded.ts';
import { resolveUrl } from '../model/url.ts';
import { firstLine } from '../model/text.ts';

export interface RecorderOptions {
  timeouts: Timeouts;
  /** Where screenshots go; none are taken when undefined (sites with `screenshots: false`). */
  screenshotDir?: string;
  /** Values that must not be readable in a screenshot when the page shows them. */
  secrets: readonly string[];
}

interface PageLog {
  /** Requests started and not yet finished or failed, and when the network last changed. */
  inflight: number;
  lastActivity: number;
  responses: Promise<ObservedResponse | undefined>[];
  navigations: NavigationRequest[];
  watch: MixedContentWatch;
  /** The page's CDP session, which reads the jar; undefined where the browser has none. */
  cdp?: CDPSession;
  crashed: boolean;
  /** Why the last main-frame navigation failed (net::ERR_...), for a page left on a browser error page. */
  navigationFailure?: string;
  /** Fields the harness typed a secret into: masked in every screenshot of the page. */
  secretFields: Locator[];
}

export interface SnapshotOptions {
  /** The URL asked for, or where the page was when the step began. */
  url: string;
  status?: number;
  /** Why the navigation or step failed; the page then counts as not read. */
  error?: string;
  /**
   * A page: scroll to the bottom (lazy images and frames load) and wait for 500 ms without
   * network activity (Playwright's "networkidle"). A flow step: no scroll and 150 ms of quiet,
   * since the step itself waited for what it triggered. Either way at most settleMs.
   */
  settle: 'page' | 'step';
  deadline: Deadline;
  startedAt: number;
}

/** Settle waits and DOM reads are quick on a page that behaves; these bounds only stop one that does not. */
export const readMs = (t: Timeouts): number => Math.max(5_000, t.settleMs);
/** How long a renderer may take to answer at all before its page is given up on. */
const ANSWER_MS = 1_000;
/** The most one visit may take after its navigation: settling, reading every frame, the screenshot, the jar. */
export const snapshotBudgetMs = (t: Timeouts): number => 2 * t.settleMs + 4 * readMs(t) + 2_000;

const MASKED = '(value not recorded)';
/** Cookie values may be session tokens: keep the name and attributes, drop the value. */
const maskCookieValue = (setCookie: string): string =>
  setCookie.replace(/^([^=;]*=)[^;]*/, (_, name: string) => `${name}${MASKED}`);

function startedByPost(request: Request): boolean {
  for (let r: Request | null = request; r; r = r.redirectedFrom()) if (r.method() === 'POST') return true;
  return false;
}

export class Recorder {
  private readonly logs = new Map<Page, Promise<PageLog>>();
  /** The jar at the last snapshot; read when the first page is tracked, so a flow that starts from another's state sees only what it set itself. */
  private jar?: JarSnapshot;
  private loginWindow = false;
  private shots = 0;

  private constructor(private readonly options: RecorderOptions) {}

  /** Records every page of the context, those already open and those it opens later (popups). */
  static attach(context: BrowserContext, options: RecorderOptions): Recorder {
    const recorder = new Recorder(options);
    if (options.screenshotDir) mkdirSync(options.screenshotDir, { recursive: true });
    for (const page of context.pages()) void recorder.track(page);
    context.on('page', (page) => void recorder.track(page));
    return recorder;
  }

  /** Starts recording a page; await it before driving a page you created, so nothing is missed. */
  track(page: Page): Promise<PageLog> {
    let log = this.logs.get(page);
    if (!log) {
      log = this.startLog(page);
      this.logs.set(page, log);
    }
    return log;
  }

  /**
   * Responses to POST requests (and the redirects after them) while this is on answer a login
   * form's submission: the cookies they set are session cookies, whatever their names.
   */
  markLogin(on: boolean): void {
    this.loginWindow = on;
  }

  async noteSecretField(page: Page, field: Locator): Promise<void> {
    (await this.track(page)).secretFields.push(field);
  }

  /** Main-frame navigations since the page's last snapshot: a new document to read. */
  async newDocuments(page: Page): Promise<number> {
    return (await this.track(page)).navigations.filter((n) => n.mainFrame).length;
  }

  private async startLog(page: Page): Promise<PageLog> {
    // Every listener is added before the first await: a page opened by the page itself or by a
    // test may start loading at once, and its first requests must not be missed.
    const log: PageLog = {
      inflight: 0,
      lastActivity: Date.now(),
      responses: [],
      navigations: [],
      watch: watchMixedContent(page),
      crashed: false,
      secretFields: [],
    };
    const activity = (delta: number) => {
      log.inflight = Math.max(0, log.inflight + delta);
      log.lastActivity = Date.now();
    };
    page.on('request', () => activity(1));
    page.on('requestfinished', () => activity(-1));
    page.on('requestfailed', () => activity(-1));
    page.on('crash', () => (log.crashed = true));
    page.on('request', (request) => {
      if (!request.isNavigationRequest()) return;
      const frame = request.frame();
      const from = frame.url();
      log.navigations.push({
        url: request.url(),
        mainFrame: frame === page.mainFrame(),
        from: from && from !== 'about:blank' ? from : undefined,
        redirected: request.redirectedFrom() !== null,
      });
    });
    page.on('requestfailed', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame())
        log.navigationFailure = request.failure()?.errorText;
    });
    page.on('response', (response) => log.responses.push(this.observe(page, response, this.loginWindow)));
    log.cdp = await log.watch.session;
    this.jar ??= log.cdp ? await bounded(readJar(log.cdp), readMs(this.options.timeouts), new Map()) : new Map();
    return log;
  }

  private async observe(page: Page, response: Response, loginWindow: boolean): Promise<ObservedResponse | undefined> {
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
      return undefined; // The page or context went away mid-read.
    }
  }

  /** Why the page as a whole could not be read, if it could not. */
  private pageUnread(log: PageLog, opts: SnapshotOptions, finalUrl: string): Unread | undefined {
    if (log.crashed) return { target: opts.url, reason: "the page's renderer crashed" };
    // The navigation's own error first: whether Chromium has shown its error page by the time
    // the page is read is a matter of timing, and the words must not depend on it.
    if (opts.error) return { target: opts.url, reason: `the page did not load: ${opts.error}` };
    if (finalUrl.startsWith('chrome-error:')) {
      return {
        target: opts.url,
        reason: `the browser showed its error page instead${log.navigationFailure ? ` (${log.navigationFailure})` : ''}`,
      };
    }
    return undefined;
  }

  /** Everything recorded for the page since its last snapshot, and a reading of its DOM as it is now. */
  async snapshot(page: Page, origin: VisitOrigin, opts: SnapshotOptions): Promise<PageVisit> {
    const log = await this.track(page);
    const { timeouts } = this.options;
    // A page that did not load is unread whatever happens next: what it shows is still worth a
    // quick look (findings in it are real), but not a long wait on a renderer that may be stuck;
    // one that does not even answer (busy with a script that never ends) is left at once.
    const deadline = opts.error ? new Deadline(Math.min(opts.deadline.left(), readMs(timeouts))) : opts.deadline;
    const stuck =
      Boolean(opts.error) &&
      !log.crashed &&
      !page.isClosed() &&
      !(await bounded(
        page.evaluate(() => true),
        ANSWER_MS,
        false,
      ));
    // A page already closed (a popup that did its work) keeps what it loaded, set and navigated to.
    const gone = log.crashed || page.isClosed();
    if (!gone && !opts.error) await this.settle(page, log, opts);

    const finalUrl = page.url();
    const unread: Unread[] = [];
    const whole = this.pageUnread(log, opts, finalUrl);
    if (whole) unread.push(whole);
    const read =
      gone || stuck || finalUrl.startsWith('chrome-error:')
        ? undefined
        : await readPage(page, deadline, readMs(timeouts));
    // Frames that could not be read make the page unread: one entry, named after the page.
    const frames = read?.unread ?? [];
    if (frames.length > 0) {
      const first = `${frames[0]!.target}: ${frames[0]!.reason}`;
      unread.push({
        target: opts.url,
        reason:
          frames.length === 1
            ? `a frame could not be read: ${first}`
            : `${frames.length} of its frames could not be read (first: ${first})`,
      });
    }
    const screenshot = gone || stuck ? undefined : await this.screenshot(page, log, deadline);
    // The jar is the context's: a closed page's cookies are read by the next snapshot of another page.
    const jar =
      gone || !log.cdp ? undefined : await bounded(readJar(log.cdp), deadline.cap(readMs(timeouts)), undefined);
    if (!jar && !gone && log.cdp && !whole)
      unread.push({ target: opts.url, reason: `its cookies could not be read within ${readMs(timeouts)} ms` });
    const notes = [
      ...(page.isClosed() && !log.crashed
        ? [
            `${finalUrl} was closed before it was read: what it loaded, set and navigated to is judged, its final HTML (links, forms, references never requested) is not`,
          ]
        : []),
      // The same words for every page, so that a test or report says it once. (A page closed
      // before its session attached has none either, whatever the browser.)
      ...(log.cdp || gone
        ? []
        : [
            'the browser has no CDP (Chromium only): its own mixed-content reports and cookies set by scripts were not read',
          ]),
    ];
    const cookies = jar ? changedCookies(this.jar ?? new Map(), jar) : [];
    if (jar) this.jar = jar;
    const responses = await this.readResponses(log, deadline);
    if (responses.missed > 0 && !whole) {
      unread.push({
        target: opts.url,
        reason: `${responses.missed} of its ${responses.missed + responses.read.length} responses could not be read within ${readMs(timeouts)} ms`,
      });
    }
    return {
      origin,
      url: opts.url,
      finalUrl,
      ...(opts.status !== undefined ? { status: opts.status } : {}),
      ...(opts.error !== undefined ? { error: opts.error } : {}),
      unread,
      responses: responses.read,
      navigations: log.navigations.splice(0),
      links: read?.links ?? [],
      notes,
      mixedContent: log.watch.take(),
      insecureReferences: read?.insecureReferences ?? [],
      forms: read?.forms ?? [],
      cookies,
      ...(screenshot ? { screenshot } : {}),
      elapsedMs: Date.now() - opts.startedAt,
    };
  }

  /** Late content (timers, lazy loading, script navigations) gets a bounded time to arrive. */
  private async settle(page: Page, log: PageLog, opts: SnapshotOptions): Promise<void> {
    const { deadline } = opts;
    const until = Date.now() + deadline.cap(this.options.timeouts.settleMs);
    if (opts.settle === 'page') {
      await bounded(
        page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight)),
        until - Date.now(),
        undefined,
      );
      // What scrolling brings into view starts loading a moment later.
      log.lastActivity = Date.now();
    }
    const quietMs = opts.settle === 'page' ? 500 : 150;
    while (Date.now() < until && (log.inflight > 0 || Date.now() - log.lastActivity < quietMs)) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(1, until - Date.now()))));
    }
  }

  /**
   * The headers of every response seen, each read on its own: one that never answers (a
   * document replaced mid-load, as in a reload loop) costs only itself, not what was read.
   * Reading gets at least a second even when the visit's budget is spent: the responses
   * arrived already, only their headers are still being fetched from the browser.
   */
  private async readResponses(log: PageLog, deadline: Deadline): Promise<{ read: ObservedResponse[]; missed: number }> {
    const ms = Math.max(ANSWER_MS, deadline.cap(readMs(this.options.timeouts)));
    const MISSED = Symbol('missed');
    const all = await Promise.all(log.responses.splice(0).map((r) => bounded(r, ms, MISSED)));
    return {
      read: all.filter((r): r is ObservedResponse => r !== undefined && r !== MISSED),
      missed: all.filter((r) => r === MISSED).length,
    };
  }

  private async screenshot(page: Page, log: PageLog, deadline: Deadline): Promise<string | undefined> {
    const dir = this.options.screenshotDir;
    if (!dir || deadline.passed) return undefined;
    const file = path.join(dir, `page-${++this.shots}.png`);
    // Fields the harness typed a secret into, and any element whose text shows a secret.
    const mask: Locator[] = [
      ...log.secretFields,
      ...this.options.secrets.filter((s) => s.length > 0).map((s) => page.getByText(s)),
    ];
    const ms = deadline.cap(2 * readMs(this.options.timeouts));
    const shot = page.screenshot({ path: file, timeout: Math.max(1, ms), mask, maskColor: '#000' }).then(
      () => file,
      () => undefined,
    );
    return bounded(shot, ms, undefined);
  }

  /** Stops listening; bounded, since a busy renderer may never answer. */
  async detach(): Promise<void> {
    const logs = await bounded(Promise.all(this.logs.values()), readMs(this.options.timeouts), []);
    await Promise.all(logs.map((log) => log.watch.stop()));
  }

  /** A navigation from the driver, bounded, recorded as an error rather than thrown. */
  static async goto(page: Page, url: string, timeoutMs: number): Promise<{ status?: number; error?: string }> {
    try {
      const response = await page.goto(url, { timeout: timeoutMs, waitUntil: 'load' });
      return { status: response?.status() };
    } catch (err) {
      // Still loading after its limit (an endless or huge page): stop it, so reading it stays quick.
      await bounded(
        page.evaluate(() => window.stop()),
        ANSWER_MS,
        undefined,
      );
      return { error: firstLine(err) };
    }
  }
}
