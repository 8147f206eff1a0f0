// From what a snapshot gathered of a page (plain data) to the visit the checks judge. Pure, so
// that every rule about what counts as read is tested on hand-made readings: which reason makes
// a page unread and in what order, when its cookies or responses count as unread, which notes
// it gets, and which cookies it set.
import type { PageVisit, Unread, VisitOrigin } from '../model/evidence.ts';
import { changedCookies, type JarSnapshot } from './cookie-jar.ts';
import type { DrainedEvents } from './page-log.ts';
import type { PageRead } from './page-read.ts';
import { upgradesInsecureRequests } from './page-scan.ts';
import { browserErrorWords, netErrorOf, netErrorWords } from '../model/browser-errors.ts';
import type { VirtualOutcome } from './virtual-budget.ts';

export interface PageReading {
  origin: VisitOrigin;
  /** The URL asked for, or where the page was when the step began. */
  url: string;
  status?: number;
  /** Why the navigation or step failed (Playwright's message). */
  error?: string;
  /** What the page showed when it was read. */
  finalUrl: string;
  crashed: boolean;
  closed: boolean;
  /** The page had a CDP session (Chromium): its jar could be read. */
  hasCdp: boolean;
  /** The browser's error text for the last main-frame navigation that failed, e.g. "net::ERR_CERT_DATE_INVALID". */
  navigationFailure?: string;
  /** The DOM as read; undefined when it was not read (the page was gone, stuck or on an error page). */
  dom?: PageRead;
  /** The jar at the previous snapshot, and now (undefined when it could not be read or was not tried). */
  jarBefore: JarSnapshot;
  jarAfter?: JarSnapshot;
  events: DrainedEvents;
  screenshot?: string;
  /** How a listed page's late content was run in virtual time (virtual-settle.ts); absent for a wall-clock wait. */
  settled?: { outcome: VirtualOutcome; settleMs: number; wallMs: number };
  /** How long reads were given, for the reasons' wording. */
  readMs: number;
  elapsedMs: number;
}

/** Why the page as a whole could not be read, if it could not. */
function pageUnread(r: PageReading): Unread | undefined {
  if (r.crashed) return { target: r.url, kind: 'crashed', reason: "the page's renderer crashed" };
  // The navigation's own error first: whether Chromium has shown its error page by the time
  // the page is read is a matter of timing, and the words must not depend on it.
  if (r.error) {
    const netError = netErrorOf(r.error);
    return {
      target: r.url,
      kind: 'not-loaded',
      ...(netError ? { netError } : {}),
      reason: `the page did not load: ${browserErrorWords(r.error)}`,
    };
  }
  if (r.finalUrl.startsWith('chrome-error:')) {
    const netError = netErrorOf(r.navigationFailure);
    return {
      target: r.url,
      kind: 'error-page',
      ...(netError ? { netError } : {}),
      reason: `the browser showed its error page instead${netError ? `: ${netErrorWords(netError)}` : r.navigationFailure ? ` (${r.navigationFailure})` : ''}`,
    };
  }
  if (r.settled?.outcome === 'busy')
    return {
      target: r.url,
      kind: 'busy',
      reason: `the page stopped answering while its first ${r.settled.settleMs} ms after load were run (a script that never ends?): it was not read`,
    };
  return undefined;
}

/** Frames that could not be read make the page unread: one entry, named after the page. */
function framesUnread(r: PageReading): Unread | undefined {
  const frames = r.dom?.unread ?? [];
  if (frames.length === 0) return undefined;
  const first = `${frames[0]!.target}: ${frames[0]!.reason}`;
  return {
    target: r.url,
    kind: 'frames',
    reason:
      frames.length === 1
        ? `a frame could not be read: ${first}`
        : `${frames.length} of its frames could not be read (first: ${first})`,
  };
}

/** Documents that ask the browser to upgrade insecure requests: by their response's CSP header, or their <meta>. */
function upgradingDocuments(r: PageReading): string[] {
  const byHeader = r.events.responses
    .filter(
      (res) =>
        res.isNavigation &&
        res.headers.some(([name, value]) => name === 'content-security-policy' && upgradesInsecureRequests(value)),
    )
    .map((res) => res.url);
  return [...new Set([...byHeader, ...(r.dom?.upgradingFrames ?? [])])];
}

export function visitOf(r: PageReading): PageVisit {
  // A page already closed (a popup that did its work) keeps what it loaded, set and navigated to.
  const gone = r.crashed || r.closed;
  const whole = pageUnread(r);
  const frames = framesUnread(r);
  // The jar is the context's: a closed page's cookies are read by the next snapshot of another page.
  const jarTried = !gone && r.hasCdp;
  const { events } = r;
  const upgrading = upgradingDocuments(r);
  const unread: Unread[] = [
    ...(whole ? [whole] : []),
    ...(frames ? [frames] : []),
    // What a page that did not load could not give is said once, by the page's own reason.
    ...(jarTried && !r.jarAfter && !whole
      ? [{ target: r.url, kind: 'cookies' as const, reason: `its cookies could not be read within ${r.readMs} ms` }]
      : []),
    ...(events.missedResponses > 0 && !whole
      ? [
          {
            target: r.url,
            kind: 'responses' as const,
            reason: `${events.missedResponses} of its ${events.missedResponses + events.responses.length} responses could not be read within ${r.readMs} ms`,
          },
        ]
      : []),
  ];
  const notes = [
    ...(r.closed && !r.crashed
      ? [
          `${r.finalUrl} was closed before it was read: what it loaded, set and navigated to is judged, its final HTML (links, forms, references never requested) is not`,
        ]
      : []),
    ...(r.settled?.outcome === 'capped'
      ? [
          `its first ${r.settled.settleMs} ms after load had not all run after ${r.settled.wallMs} ms (it kept loading or a frame stopped answering): it was read as it was then`,
        ]
      : []),
    // The same words for every page, so that a test or report says it once. (A page closed
    // before its session attached has none either, whatever the browser.)
    ...(r.hasCdp || gone
      ? []
      : [
          'the browser has no CDP (Chromium only): its own mixed-content reports and cookies set by scripts were not read',
        ]),
  ];
  return {
    origin: r.origin,
    url: r.url,
    finalUrl: r.finalUrl,
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(r.error !== undefined ? { error: r.error } : {}),
    unread,
    responses: events.responses,
    navigations: events.navigations,
    links: r.dom?.links ?? [],
    notes,
    mixedContent: events.mixedContent,
    insecureReferences: r.dom?.insecureReferences ?? [],
    ...(upgrading.length > 0 ? { upgradingDocuments: upgrading } : {}),
    forms: r.dom?.forms ?? [],
    cookies: r.jarAfter ? changedCookies(r.jarBefore, r.jarAfter) : [],
    ...(r.screenshot ? { screenshot: r.screenshot } : {}),
    elapsedMs: r.elapsedMs,
  };
}
