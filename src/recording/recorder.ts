// The one page recorder. Listed pages, flows and a team's own tests (library mode) all drive
// pages their own way; this records what the browser saw while they did, the same way for
// all of them: each page's log of events (page-log.ts) and, at each snapshot, the links,
// insecure references and forms of every frame of the final DOM, the cookies that appeared in
// the jar since the last snapshot, and a screenshot with the fields and text holding secrets
// masked. What counts as read is decided by a pure function (visit.ts). Never throws: what
// cannot be read is recorded as unread. Firefox and WebKit have no CDP: there Chromium's own
// mixed-content reports and the jar are not read, and each visit says so in its notes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { Timeouts } from '../model/defaults.ts';
import type { PageVisit, VisitOrigin } from '../model/evidence.ts';
import { bounded, type Deadline } from './bounded.ts';
import { type JarSnapshot, readJar } from './cookie-jar.ts';
import { PageLog } from './page-log.ts';
import { readPage } from './page-read.ts';
import { maskedScreenshot } from './screenshot.ts';
import { settleByWallClock } from './settle.ts';
import { type VirtualSettle, settleVirtually } from './virtual-settle.ts';
import { visitOf } from './visit.ts';

export interface RecorderOptions {
  timeouts: Timeouts;
  /** Where screenshots go; none are taken when undefined (sites with `screenshots: false`). */
  screenshotDir?: string;
  /** Values that must not be readable in a screenshot when the page shows them. */
  secrets: readonly string[];
}

export interface SnapshotOptions {
  /** The URL asked for, or where the page was when the step began. */
  url: string;
  status?: number;
  /** Why the navigation or step failed; the page then counts as not read. */
  error?: string;
  /**
   * How late content is waited for: `virtual` (listed pages, Chromium): settleMs of the page's own
   * time in virtual time, after which the page can be read but not driven, and its tab needs a
   * fresh renderer (lanes.ts); `wall`: until settleMs after load by the clock (flows, a team's tests).
   */
  settle: 'virtual' | 'wall';
  deadline: Deadline;
  startedAt: number;
}

/**
 * Settle waits, DOM and jar reads and a renderer's answers are quick on a page that behaves; these
 * bounds only stop one that does not. As long as a page load: on a busy machine a healthy renderer
 * can take seconds to answer, and a verdict must not depend on that.
 */
export const readMs = (t: Timeouts): number => Math.max(t.pageMs, t.settleMs);
/** How long a renderer may take to answer at all before its page is given up on. */
export const ANSWER_MS = 1_000;
/** The most one visit may take after its navigation: settling, reading every frame, the screenshot, the jar. */
export const snapshotBudgetMs = (t: Timeouts): number => 2 * t.settleMs + 4 * readMs(t) + 2_000;

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
    return (await this.track(page)).newDocuments();
  }

  private async startLog(page: Page): Promise<PageLog> {
    const log = new PageLog(page, () => this.loginWindow);
    const cdp = await log.cdp;
    this.jar ??= cdp ? await bounded(readJar(cdp), readMs(this.options.timeouts), new Map()) : new Map();
    return log;
  }

  /** Everything recorded for the page since its last snapshot, and a reading of its DOM as it is now. */
  async snapshot(page: Page, origin: VisitOrigin, opts: SnapshotOptions): Promise<PageVisit> {
    const log = await this.track(page);
    const cdp = await log.cdp;
    const { timeouts } = this.options;
    // A page that did not load is unread whatever happens next: what it shows is still worth a
    // quick look (findings in it are real), but not a long wait on a renderer that may be stuck;
    // one that does not even answer (busy with a script that never ends) is left at once.
    const deadline = opts.error ? opts.deadline.within(readMs(timeouts)) : opts.deadline;
    const answers = () =>
      bounded(
        page.evaluate(() => true),
        ANSWER_MS,
        false,
      );
    const stuck = Boolean(opts.error) && !log.crashed && !page.isClosed() && !(await answers());
    const gone = log.crashed || page.isClosed();
    let settled: VirtualSettle | undefined;
    if (!gone && !opts.error) {
      // A budget of 0 would never be spent: nothing to wait for then but the network.
      if (opts.settle === 'virtual' && cdp && timeouts.settleMs > 0)
        settled = await settleVirtually(page, timeouts.settleMs, readMs(timeouts));
      else await settleByWallClock(log, timeouts.settleMs, deadline.cap(2 * timeouts.settleMs));
    }
    // A renderer that stopped answering while its late content ran is in a script that never ends.
    const busy = settled?.outcome === 'busy';

    const finalUrl = page.url();
    const dom =
      gone || stuck || busy || finalUrl.startsWith('chrome-error:')
        ? undefined
        : await readPage(page, deadline, readMs(timeouts));
    const screenshot = gone || stuck || busy ? undefined : await this.screenshot(page, log, deadline);
    const jarBefore = this.jar ?? new Map();
    const jarAfter = gone || !cdp ? undefined : await bounded(readJar(cdp), deadline.cap(readMs(timeouts)), undefined);
    if (jarAfter) this.jar = jarAfter;
    // Reading gets at least a second even when the visit's budget is spent: the responses
    // arrived already, only their headers are still being fetched from the browser.
    const events = await log.drain(Math.max(ANSWER_MS, deadline.cap(readMs(timeouts))));
    await settled?.release();
    return visitOf({
      origin,
      url: opts.url,
      ...(opts.status !== undefined ? { status: opts.status } : {}),
      ...(opts.error !== undefined ? { error: opts.error } : {}),
      finalUrl,
      crashed: log.crashed,
      closed: page.isClosed(),
      hasCdp: cdp !== undefined,
      ...(log.navigationFailure ? { navigationFailure: log.navigationFailure } : {}),
      ...(dom ? { dom } : {}),
      jarBefore,
      ...(jarAfter ? { jarAfter } : {}),
      events,
      ...(screenshot ? { screenshot } : {}),
      ...(settled
        ? { settled: { outcome: settled.outcome, settleMs: timeouts.settleMs, wallMs: settled.wallMs } }
        : {}),
      readMs: readMs(timeouts),
      elapsedMs: Date.now() - opts.startedAt,
    });
  }

  private screenshot(page: Page, log: PageLog, deadline: Deadline): Promise<string | undefined> {
    const dir = this.options.screenshotDir;
    if (!dir || deadline.passed) return Promise.resolve(undefined);
    const file = path.join(dir, `page-${++this.shots}.png`);
    return maskedScreenshot(
      page,
      file,
      log.secretFields,
      this.options.secrets,
      deadline.cap(2 * readMs(this.options.timeouts)),
    );
  }

  /** Stops listening; bounded, since a busy renderer may never answer. */
  async detach(): Promise<void> {
    const logs = await bounded(Promise.all(this.logs.values()), readMs(this.options.timeouts), []);
    await Promise.all(logs.map((log) => log.stop()));
  }
}
