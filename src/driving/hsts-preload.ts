// Which of a site's hosts the browser itself upgrades to https before any request leaves: the
// hosts on its built-in HSTS preload list. In a fresh context (no HSTS learnt from any header:
// every https request of this context is failed before it is sent, so none can teach it one),
// Chromium answers http://host/ for a preloaded name with an internal 307 carrying
// "Non-Authoritative-Reason: HSTS", whatever address --host-resolver-rules maps the name to
// (verified on Chromium 156). Learnt from the browser the scan drives, never from the network,
// and without a copy of the list. A host whose answer does not come in time is left out: the
// hsts check then treats it as not preloaded.
import type { Browser, BrowserContext, CDPSession } from '@playwright/test';
import pLimit from 'p-limit';
import type { Timeouts } from '../model/defaults.ts';
import type { HostPreload } from '../model/evidence.ts';
import { bounded } from '../recording/bounded.ts';

/** Hosts probed at once, each in its own tab of the probe's context. */
const HOSTS_AT_ONCE = 4;

/** The most one host may take: the browser's plain http request to a host that is not preloaded may have to connect and wait for an answer. */
export const preloadProbeMs = (t: Timeouts): number => t.connectMs + t.requestMs;

export const hstsPreloadBoundMs = (hosts: number, t: Timeouts): number =>
  Math.ceil(hosts / HOSTS_AT_ONCE) * (preloadProbeMs(t) + 1_000) + 5_000;

interface WillBeSent {
  requestId: string;
  request: { url: string };
  redirectResponse?: { status: number; headers: Record<string, string> };
}

/** Resolves true when the browser upgraded the request for `url` itself (HSTS), false when the request went out. */
function upgradedByHsts(cdp: CDPSession, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    let id: string | undefined;
    cdp.on('Network.requestWillBeSent', (e: WillBeSent) => {
      if (id === undefined && e.request.url === url && !e.redirectResponse) id = e.requestId;
      else if (e.requestId === id && e.redirectResponse) {
        const reason = Object.entries(e.redirectResponse.headers).find(
          ([name]) => name.toLowerCase() === 'non-authoritative-reason',
        )?.[1];
        resolve(e.redirectResponse.status === 307 && reason === 'HSTS');
      }
    });
    // An answer or a failure of the http:// request itself: it left the browser.
    cdp.on('Network.responseReceived', (e: { requestId: string }) => e.requestId === id && resolve(false));
    cdp.on('Network.loadingFailed', (e: { requestId: string }) => e.requestId === id && resolve(false));
  });
}

async function probeHost(context: BrowserContext, host: string, t: Timeouts): Promise<boolean | undefined> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Nothing over https in this context: no header can teach it HSTS for a later host.
    cdp.on('Fetch.requestPaused', (e: { requestId: string }) => {
      cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'Aborted' }).catch(() => {});
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'https://*', requestStage: 'Request' }] });
    const url = `http://${host}/`;
    const answer = upgradedByHsts(cdp, url);
    const navigation = page.goto(url, { timeout: preloadProbeMs(t) }).catch(() => {});
    const preloaded = await bounded(answer, preloadProbeMs(t), undefined);
    await bounded(navigation, 1_000, undefined);
    return preloaded;
  } finally {
    await bounded(page.close(), 1_000, undefined);
  }
}

export async function hstsPreload(browser: Browser, hosts: readonly string[], t: Timeouts): Promise<HostPreload[]> {
  let context: BrowserContext;
  try {
    context = await browser.newContext();
  } catch {
    return [];
  }
  try {
    const limit = pLimit(HOSTS_AT_ONCE);
    const answers = await Promise.all(
      hosts.map((host) => limit(() => probeHost(context, host, t).catch(() => undefined))),
    );
    return hosts.flatMap((host, i) => (answers[i] === undefined ? [] : [{ host, preloaded: answers[i]! }]));
  } finally {
    await bounded(context.close(), 5_000, undefined);
  }
}
