// Transport evidence for a site: for every host, the https:// answer (handshake and first
// response onwards), the http:// redirect chain, and whether a browser's handshake succeeds
// where Node's did (browser-tls.ts); all hosts probed concurrently.
import type { Site } from '../model/site.ts';
import type { Timeouts } from '../model/defaults.ts';
import type { NetContext } from '../net/net-context.ts';
import { MAX_FOLLOW, walkRedirects } from '../net/redirect-chain.ts';
import type { TransportEvidence } from '../model/evidence.ts';
import { holdsSecret } from '../model/redact.ts';
import { browserHandshake, browserHandshakeBoundMs } from './browser-tls.ts';

/** Added to the probed http:// URL so a redirect that drops the query string shows. */
export const PROBE_QUERY = 'https-scan=1';

/**
 * What each host is asked: its https:// answer and its http:// chain. The http:// request goes in
 * the clear, so it never carries a secret: a page or a site URL path holding one is not used.
 */
export function probePaths(site: Site, host: string, secrets: readonly string[] = []): { https: string; http: string } {
  const main = new URL(site.url);
  if (host !== main.hostname) return { https: `https://${host}/`, http: `http://${host}/?${PROBE_QUERY}` };
  // A path other than "/" shows a redirect that drops the path.
  const clear = (p: string) => !holdsSecret(p, secrets);
  const path = site.pages.find((p) => p !== '/' && clear(p)) ?? (clear(main.pathname) ? main.pathname : '/');
  const [pathname, search] = path.split('?');
  return { https: site.url, http: `http://${host}${pathname}?${search ? `${search}&` : ''}${PROBE_QUERY}` };
}

export async function collectTransport(
  ctx: NetContext,
  site: Site,
  secrets: readonly string[] = [],
): Promise<TransportEvidence> {
  const hosts = await Promise.all(
    site.hosts.map(async (host) => {
      const urls = probePaths(site, host, secrets);
      const [https, http] = await Promise.all([
        walkRedirects(ctx, urls.https).then(async (chain) => ({
          chain,
          // Only where Node's own client completed a handshake: otherwise https-port-443 already says why not.
          browser: chain.hops[0]?.tls ? await browserHandshake(ctx, host) : undefined,
        })),
        walkRedirects(ctx, urls.http),
      ]);
      return { host, https: https.chain, http, ...(https.browser ? { browserHandshake: https.browser } : {}) };
    }),
  );
  return { hosts };
}

/**
 * The most a site's transport probes can take: hosts go side by side, each a redirect chain of
 * MAX_FOLLOW hops, every hop a connection (tried twice) and a request, then the browser handshake.
 */
export const transportBoundMs = (t: Timeouts): number =>
  (MAX_FOLLOW + 1) * (2 * t.connectMs + t.requestMs) + browserHandshakeBoundMs(t);
