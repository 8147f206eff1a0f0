// Records every page of a test's browser context with the one page recorder, from before the
// test's first navigation. A matcher reads a page (or every page) when it runs: the recorder's
// snapshot drains what happened since the previous reading, so the readings of each page are
// kept and judged together: everything the page loaded, set and navigated to during the test.
import { test, type BrowserContext, type Page, type Request } from '@playwright/test';
import type { Timeouts } from '../model/defaults.ts';
import type { PagesEvidence, PageVisit } from '../model/evidence.ts';
import { Recorder, snapshotBudgetMs } from '../recording/recorder.ts';
import { Deadline } from '../recording/bounded.ts';

/** The last web URL a page's main frame asked for, and why it failed if it did. */
interface Navigation {
  url: string;
  failure?: string;
}

/** What a page shows when its last navigation did not bring a document: nothing yet, or the browser's error page. */
const noDocument = (shown: string): boolean => shown === 'about:blank' || shown.startsWith('chrome-error:');

/** How long the recorder's reads of a page may take in a team's test. */
const LIBRARY_READ_MS = 5_000;

export class Recording {
  /** Every page the context had or opened, closed ones too: what they did still counts. */
  private readonly pages = new Set<Page>();
  private readonly visits = new Map<Page, PageVisit[]>();
  /** Named, with its failure, when the page shows no document of its own. */
  private readonly navigations = new Map<Page, Navigation>();
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
  static async start(context: BrowserContext, given: Timeouts, title: string): Promise<Recording> {
    // The team's test opens its pages itself, so pageMs here bounds only the recorder's reads
    // (recorder.ts, readMs): at most 5 s (settleMs if longer), so a stuck page is "could not measure" within the
    // test's own timeout (30 s by default) instead of a timed-out test.
    const timeouts = { ...given, pageMs: Math.min(given.pageMs, LIBRARY_READ_MS) };
    // No screenshots: the team's own Playwright config decides those.
    const recording = new Recording(context, Recorder.attach(context, { timeouts, secrets: [] }), timeouts, title);
    const add = (page: Page) => {
      recording.pages.add(page);
      const mainNavigation = (request: Request) =>
        request.isNavigationRequest() && request.frame() === page.mainFrame() && /^https?:/.test(request.url());
      page.on('request', (request) => {
        if (mainNavigation(request)) recording.navigations.set(page, { url: request.url() });
      });
      page.on('requestfailed', (request) => {
        if (mainNavigation(request))
          recording.navigations.set(page, { url: request.url(), failure: request.failure()?.errorText ?? 'failed' });
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
      test.step(
        'security: read what the page loaded',
        async () => {
          for (const p of pages) await this.read(p);
        },
        { box: true },
      ),
    );
    this.queue = reading.catch(() => {});
    await reading;
    return {
      browserVersion: this.context.browser()?.version() ?? 'unknown',
      visits: pages.flatMap((p) => this.visits.get(p) ?? []),
      flows: [],
    };
  }

  /** The page's URL, or the one it asked for when it shows no document of its own. */
  urlOf(page: Page): string {
    const shown = page.url();
    return noDocument(shown) ? (this.navigations.get(page)?.url ?? shown) : shown;
  }

  private async read(page: Page): Promise<void> {
    const shown = page.url();
    const last = this.navigations.get(page);
    // A page that never asked for a web page has nothing to judge. (Playwright announces a
    // popup once it has started loading, so a popup's first request is not always seen.)
    if ((shown === 'about:blank' && !last) || this.finished.has(page)) return;
    if (page.isClosed()) this.finished.add(page);
    // Right after a navigation fails the page may still show about:blank, before the error page.
    const failure = last?.failure && noDocument(shown) ? { error: last.failure } : {};
    const visit = await this.recorder.snapshot(
      page,
      { kind: 'test', title: this.title },
      {
        url: this.urlOf(page),
        ...failure,
        settle: 'wall', // no scrolling, and the page keeps real time: the test goes on with the page as it left it
        deadline: new Deadline(snapshotBudgetMs(this.timeouts)),
        startedAt: Date.now(),
      },
    );
    this.visits.set(page, [...(this.visits.get(page) ?? []), visit]);
  }

  stop(): Promise<void> {
    return this.recorder.detach();
  }
}
