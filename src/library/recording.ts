// Records every page of a test's browser context with the one page recorder, from before the
// test's first navigation. A matcher reads a page (or every page) when it runs: the recorder's
// snapshot drains what happened since the previous reading, so the readings of each page are
// kept and judged together: everything the page loaded, set and navigated to during the test.
import { test, type BrowserContext, type Page } from '@playwright/test';
import type { Timeouts } from '../config/defaults.ts';
import type { PagesEvidence, PageVisit } from '../collectors/types.ts';
import { Recorder, snapshotBudgetMs } from '../collectors/recorder.ts';
import { Deadline } from '../collectors/bounded.ts';

export class Recording {
  /** Every page the context had or opened, closed ones too: what they did still counts. */
  private readonly pages = new Set<Page>();
  private readonly visits = new Map<Page, PageVisit[]>();
  /** The last URL each page's main frame asked for: named when the page shows a browser error instead. */
  private readonly requested = new Map<Page, string>();
  /** Closed pages read once after closing: nothing more can happen on them. */
  private readonly finished = new Set<Page>();
  /** Readings one after another: two matchers at once must not split a page's events between them. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly context: BrowserContext,
    private readonly recorder: Recorder,
    private readonly timeouts: Timeouts,
    private readonly title: string,
  ) {}

  /** `title`: the test's, naming where each finding was seen. Resolves once the context's open pages are recorded. */
  static async start(context: BrowserContext, timeouts: Timeouts, title: string): Promise<Recording> {
    // No screenshots: the team's own Playwright config decides those.
    const recording = new Recording(context, Recorder.attach(context, { timeouts, secrets: [] }), timeouts, title);
    const add = (page: Page) => {
      recording.pages.add(page);
      page.on('request', (request) => {
        if (request.isNavigationRequest() && request.frame() === page.mainFrame()) recording.requested.set(page, request.url());
      });
    };
    context.pages().forEach(add);
    context.on('page', add);
    await Promise.all(context.pages().map((page) => recording.recorder.track(page)));
    return recording;
  }

  /** Reads the page (or every page of the context) now; returns all that was recorded on it during the test. */
  async evidence(page?: Page): Promise<PagesEvidence> {
    const pages = page ? [page] : [...this.pages];
    const reading = this.queue.then(() =>
      // The recorder's own browser calls are one step, titled without any URL or value.
      test.step('security: read what the page loaded', async () => {
        for (const p of pages) await this.read(p);
      }, { box: true }),
    );
    this.queue = reading.catch(() => {});
    await reading;
    return { browserVersion: this.context.browser()?.version() ?? 'unknown', visits: pages.flatMap((p) => this.visits.get(p) ?? []), flows: [] };
  }

  private async read(page: Page): Promise<void> {
    const requested = this.requested.get(page);
    // A page that never navigated (about:blank) has nothing to judge.
    if (!requested || this.finished.has(page)) return;
    if (page.isClosed()) this.finished.add(page);
    const shown = page.url();
    const visit = await this.recorder.snapshot(page, { kind: 'test', title: this.title }, {
      url: shown.startsWith('chrome-error:') ? requested : shown,
      settle: 'step', // no scrolling: the test goes on with the page as it left it
      deadline: new Deadline(snapshotBudgetMs(this.timeouts)),
      startedAt: Date.now(),
    });
    this.visits.set(page, [...(this.visits.get(page) ?? []), visit]);
  }

  stop(): Promise<void> {
    return this.recorder.detach();
  }
}
