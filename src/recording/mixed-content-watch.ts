// Listens to everything Chromium says about insecure content while a page loads. Watching
// requests is not enough: passive content is upgraded without an http request and blocked
// iframes leave no trace in the network events. The browser's own mixed-content issues
// (CDP Audits) report every case; out-of-process (cross-site) iframes need their own CDP
// session. Failed requests, console messages (the only report of a blocked ws://) and
// responses really received over http complete the picture. Firefox and WebKit have no CDP:
// there only those page events are watched.
import type { CDPSession, ConsoleMessage, Frame, Page, Request, Response, WebSocket } from '@playwright/test';
import type { MixedContentReport, MixedResolution, ResourceKind } from '../model/evidence.ts';
import { bounded } from './bounded.ts';
import { isInsecureUrl } from '../model/url.ts';

/** CDP Audits MixedContentResourceType -> our vocabulary. */
const AUDIT_KINDS: Record<string, ResourceKind> = {
  Audio: 'audio',
  Beacon: 'fetch',
  EventSource: 'fetch',
  Favicon: 'favicon',
  Font: 'font',
  Form: 'form',
  Frame: 'frame',
  Image: 'image',
  Import: 'stylesheet',
  JSON: 'fetch',
  Manifest: 'manifest',
  Ping: 'fetch',
  PluginData: 'object',
  PluginResource: 'object',
  Script: 'script',
  ServiceWorker: 'worker',
  SharedWorker: 'worker',
  Stylesheet: 'stylesheet',
  Track: 'track',
  Video: 'video',
  Worker: 'worker',
  XMLHttpRequest: 'fetch',
  XSLT: 'stylesheet',
};

/** Playwright's request.resourceType() -> our vocabulary. */
const REQUEST_KINDS: Record<string, ResourceKind> = {
  document: 'frame',
  stylesheet: 'stylesheet',
  image: 'image',
  media: 'video',
  font: 'font',
  script: 'script',
  texttrack: 'track',
  xhr: 'fetch',
  fetch: 'fetch',
  eventsource: 'fetch',
  websocket: 'websocket',
  manifest: 'manifest',
};

const RESOLUTIONS: Record<string, MixedResolution> = {
  MixedContentBlocked: 'blocked',
  MixedContentAutomaticallyUpgraded: 'upgraded',
  MixedContentWarning: 'warned',
};

/** Chromium's console wording, e.g. "...but requested an insecure image 'http://...'. This content should also be served over HTTPS." */
const CONSOLE = /^Mixed Content: The page at '([^']+)' was loaded over HTTPS, but (.+?) '([^']+)'\.(.*)$/s;
const CONSOLE_KINDS: [RegExp, ResourceKind][] = [
  [/WebSocket/i, 'websocket'],
  [/form/i, 'form'],
  [/XMLHttpRequest|fetch|EventSource/i, 'fetch'],
  [/script/i, 'script'],
  [/stylesheet/i, 'stylesheet'],
  [/favicon/i, 'favicon'],
  [/frame/i, 'frame'],
  [/image/i, 'image'],
  [/video/i, 'video'],
  [/audio/i, 'audio'],
  [/font/i, 'font'],
];

/** Parses one Chromium console message about mixed content; undefined for any other message. */
export function parseMixedContentConsole(text: string): MixedContentReport | undefined {
  const m = CONSOLE.exec(text);
  if (!m) return undefined;
  const [, frameUrl, what, url, rest] = m as unknown as [string, string, string, string, string];
  const kind = CONSOLE_KINDS.find(([pattern]) => pattern.test(what))?.[1] ?? 'other';
  const resolution: MixedResolution = /has been blocked/i.test(rest)
    ? 'blocked'
    : /upgraded/i.test(rest)
      ? 'upgraded'
      : 'warned';
  return { url, frameUrl, kind, resolution, source: 'console' };
}

interface IssueEvent {
  issue: {
    code: string;
    details: {
      mixedContentIssueDetails?: {
        resourceType?: string;
        resolutionStatus: string;
        insecureURL: string;
        mainResourceURL: string;
      };
    };
  };
}

const DETACH_MS = 1_000;

function frameUrlOf(request: Request): string {
  try {
    return request.frame().url();
  } catch {
    return ''; // A service worker request has no frame.
  }
}

export interface MixedContentWatch {
  /**
   * The page's own CDP session (also used to read the cookie jar), once Chromium's own reports
   * are being received; undefined where the browser has no CDP (Firefox, WebKit).
   */
  session: Promise<CDPSession | undefined>;
  /** Every report since the last call, each once. */
  take(): MixedContentReport[];
  /** Stops listening (bounded: a busy renderer may never answer). */
  stop(): Promise<void>;
}

/**
 * Watches the page's events at once, so nothing it loads right after being opened is missed
 * (a popup, a page a test opens itself); the CDP session follows, and Audits replays what
 * Chromium reported before it was attached.
 */
export function watchMixedContent(
  page: Page,
  /** Called with each CDP session of the page (its own, and each out-of-process frame's), for other listeners. */
  onSession: (session: CDPSession) => Promise<void> = async () => {},
): MixedContentWatch {
  const reports = new Map<string, MixedContentReport>();
  // Chromium can report an issue twice, also after a take(): each report is kept once per page.
  const seen = new Set<string>();
  const record = (r: MixedContentReport) => {
    const key = `${r.source} ${r.resolution} ${r.url} ${r.frameUrl}`;
    if (!r.frameUrl.startsWith('https://') || !isInsecureUrl(r.url) || seen.has(key)) return;
    seen.add(key);
    reports.set(key, r);
  };
  const sessions: CDPSession[] = [];
  const framesWithSession = new Set<Frame>();

  const listen = async (session: CDPSession) => {
    sessions.push(session);
    session.on('Audits.issueAdded', ({ issue }: IssueEvent) => {
      const d = issue.details.mixedContentIssueDetails;
      if (issue.code !== 'MixedContentIssue' || !d) return;
      record({
        url: d.insecureURL,
        frameUrl: d.mainResourceURL,
        kind: AUDIT_KINDS[d.resourceType ?? ''] ?? 'other',
        resolution: RESOLUTIONS[d.resolutionStatus] ?? 'warned',
        source: 'audits',
      });
    });
    // Replays the issues the target raised before we attached.
    await Promise.all([session.send('Audits.enable' as never).catch(() => {}), onSession(session)]);
  };

  // A cross-site iframe runs in its own process: only its own session sees its issues.
  const onFrame = async (frame: Frame) => {
    if (frame === page.mainFrame() || framesWithSession.has(frame)) return;
    try {
      const session = await page.context().newCDPSession(frame);
      framesWithSession.add(frame);
      await listen(session);
    } catch {
      // Same-process frame: the page's session already covers it.
    }
  };
  const onRequestFailed = (request: Request) => {
    if (request.failure()?.errorText !== 'mixed-content') return;
    record({
      url: request.url(),
      frameUrl: frameUrlOf(request),
      kind: REQUEST_KINDS[request.resourceType()] ?? 'other',
      resolution: 'blocked',
      source: 'request-failed',
    });
  };
  const onResponse = (response: Response) => {
    const request = response.request();
    // A navigation to http replaces the https document rather than loading into it
    // (no-downgrade judges those); an http iframe is blocked and reported by Audits.
    if (request.isNavigationRequest()) return;
    record({
      url: response.url(),
      frameUrl: frameUrlOf(request),
      kind: REQUEST_KINDS[request.resourceType()] ?? 'other',
      resolution: 'loaded',
      source: 'request',
    });
  };
  const onWebSocket = (ws: WebSocket) =>
    record({ url: ws.url(), frameUrl: page.url(), kind: 'websocket', resolution: 'loaded', source: 'request' });
  const onConsole = (message: ConsoleMessage) => {
    const report = parseMixedContentConsole(message.text());
    if (report) record(report);
  };

  page.on('framenavigated', onFrame);
  page.on('requestfailed', onRequestFailed);
  page.on('response', onResponse);
  page.on('websocket', onWebSocket);
  page.on('console', onConsole);
  const session = page
    .context()
    .newCDPSession(page)
    .then(
      async (s) => {
        await listen(s);
        return s;
      },
      () => undefined, // Not Chromium: no CDP.
    );

  return {
    session,
    take() {
      const taken = [...reports.values()];
      reports.clear();
      return taken;
    },
    async stop() {
      page.off('framenavigated', onFrame);
      page.off('requestfailed', onRequestFailed);
      page.off('response', onResponse);
      page.off('websocket', onWebSocket);
      page.off('console', onConsole);
      // A renderer busy with a huge page can leave detach unanswered; closing the page ends the sessions anyway.
      const detachAll = session.then(() => Promise.all(sessions.map((s) => s.detach().catch(() => {}))));
      await bounded(detachAll, DETACH_MS, undefined);
    },
  };
}
