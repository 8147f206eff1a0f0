// Walks a redirect chain from Node one hop at a time, so every answer is the server's own
// (the browser's HSTS cache would rewrite http:// before the server is ever asked).
import { exchange } from './http-exchange.ts';
import { isRedirect, unfollowable } from '../model/redirects.ts';
import type { NetContext } from './net-context.ts';
import type { RedirectChain } from '../model/evidence.ts';

/** Hops followed before giving up; checks judge chains against the (smaller) policy limit. */
export const MAX_FOLLOW = 10;

export async function walkRedirects(ctx: NetContext, startUrl: string): Promise<RedirectChain> {
  const hops: RedirectChain['hops'] = [];
  const seen = new Set<string>();
  let url = startUrl;
  for (;;) {
    seen.add(url);
    const hop = await exchange(ctx, url);
    hops.push(hop);
    if (hop.error) return { startUrl, hops, outcome: 'error' };
    if (!isRedirect(hop.status) || !hop.location) return { startUrl, hops, outcome: 'final' };
    const stop = unfollowable(hop.location);
    if (stop) return { startUrl, hops, outcome: stop };
    if (seen.has(hop.location)) return { startUrl, hops, outcome: 'loop' };
    if (hops.length > MAX_FOLLOW) return { startUrl, hops, outcome: 'too-long' };
    url = hop.location;
  }
}
