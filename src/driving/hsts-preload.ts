// Which of a site's hosts the browser itself upgrades to https before any request leaves: the
// hosts on its built-in HSTS preload list. In a fresh context (no HSTS learnt from any header:
// every https request of this context is failed before it is sent, so none can teach it one),
// Chromium answers http://host/ for a preloaded name with an internal 307 carrying
// "Non-Authoritative-Reason: HSTS", whatever address --host-resolver-rules maps the name to
// (verified on Chromium 156, for navigations and for fetch() alike). One blank tab asks for every
// host at once with fetch(): no page is loaded, so this costs next to nothing beside the visits.
// Learnt from the browser the scan drives, never from the network, and without a copy of the list.
// A host whose answer does not come in time is left out: the hsts check then takes it as not preloaded.
import type { Browser, BrowserContext, CDPSession } from '@playwright/test';
import type { Timeouts } from '../model/defaults.ts';
import type { HostPreload } from '../model/evidence.ts';
import { bounded } from '../recording/bounded.ts';

/** The most the probe waits: the browser's plain http request to a host that is not preloaded may have to connect and wait for an answer. */
export const hstsPreloadBoundMs = (t: Timeouts): number => t.connectMs + t.requestMs + 5_000;

interface WillBeSent {
  requestId: string;
  request: { url: string };
  redirectResponse?: { status: number; headers: Record<string, string> };
}

/** For each URL, once known: true when the browser upgraded it itself (HSTS), false when the request left. */
function watchUpgrades(cdp: CDPSession, urls: readonly string[]): Map<string, Promise<boolean>> {
  const answers = new Map<string, { promise: Promise<boolean>; resolve: (preloaded: boolean) => void }>();
  for (const url of urls) {
    let resolve!: (preloaded: boolean) => void;
    const promise = new Promise<boolean>((r) => {
      resolve = r;
    });
    answers.set(url, { promise, resolve });
  }
  const byRequest = new Map<string, (preloaded: boolean) => void>();
  cdp.on('Network.requestWillBeSent', (e: WillBeSent) => {
    const asked = answers.get(e.request.url);
    if (!e.redirectResponse) {
      if (asked) byRequest.set(e.requestId, asked.resolve);
      return;
    }
    const reason = Object.entries(e.redirectResponse.headers).find(
      ([name]) => name.toLowerCase() === 'non-authoritative-reason',
    )?.[1];
    byRequest.get(e.requestId)?.(e.redirectResponse.status === 307 && reason === 'HSTS');
  });
  // An answer or a failure of the http:// request itself: it left the browser.
  for (const event of ['Network.responseReceived', 'Network.loadingFailed'] as const)
    cdp.on(event, (e: { requestId: string }) => byRequest.get(e.requestId)?.(false));
  return new Map([...answers].map(([url, a]) => [url, a.promise]));
}

export async function hstsPreload(browser: Browser, hosts: readonly string[], t: Timeouts): Promise<HostPreload[]> {
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Nothing over https in this context: no header can teach it HSTS for another host.
    cdp.on('Fetch.requestPaused', (e: { requestId: string }) => {
      cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'Aborted' }).catch(() => {});
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'https://*', requestStage: 'Request' }] });
    const urls = hosts.map((host) => `http://${host}/`);
    const answers = watchUpgrades(cdp, urls);
    await page.evaluate((list) => {
      for (const url of list) fetch(url, { mode: 'no-cors' }).catch(() => {});
    }, urls);
    const waitMs = t.connectMs + t.requestMs;
    const preloaded = await Promise.all(urls.map((url) => bounded(answers.get(url)!, waitMs, undefined)));
    return hosts.flatMap((host, i) => (preloaded[i] === undefined ? [] : [{ host, preloaded: preloaded[i]! }]));
  } catch {
    return [];
  } finally {
    if (context) await bounded(context.close(), 5_000, undefined);
  }
}
