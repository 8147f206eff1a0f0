// Fetches a document discovery reads (robots.txt, a sitemap, a CT answer) from Node through
// the run's connectTo and trust store, following at most a few redirects, and only to hosts
// the caller allows (a site's own hosts: third parties are never probed).
import { request } from '../net/http-exchange.ts';
import type { NetContext } from '../net/net-context.ts';
import { isRedirect, unfollowable } from '../model/redirects.ts';
import { hostOf } from '../model/url.ts';
import type { Timeouts } from '../model/defaults.ts';

const MAX_REDIRECTS = 5;

export type Fetched =
  /** `incomplete`: why the body read is not the whole document (over maxBytes, never ended...): not to be parsed. */
  | { ok: true; url: string; status: number; body: string; incomplete?: string }
  | { ok: false; url: string; reason: string };

export async function fetchDocument(
  ctx: NetContext,
  url: string,
  maxBytes: number,
  allowHost: (host: string) => boolean,
): Promise<Fetched> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const { exchange: answer, body } = await request(ctx, current, { readBody: maxBytes });
    if (answer.error) return { ok: false, url: current, reason: answer.error.message };
    const location = answer.location;
    if (!isRedirect(answer.status) || !location) {
      return {
        ok: true,
        url: current,
        status: answer.status ?? 0,
        body: body?.bytes.toString('utf8') ?? '',
        ...(body?.incomplete ? { incomplete: body.incomplete } : {}),
      };
    }
    if (unfollowable(location) || !allowHost(hostOf(location)))
      return { ok: false, url: current, reason: `redirects (HTTP ${answer.status}) to ${location}, not followed` };
    if (hop >= MAX_REDIRECTS) return { ok: false, url: current, reason: `more than ${MAX_REDIRECTS} redirects` };
    current = location;
  }
}

/** The most one fetch can take: each hop a connection (tried twice), its headers and its body. */
export const fetchBoundMs = (t: Timeouts): number => (MAX_REDIRECTS + 1) * (2 * t.connectMs + 2 * t.requestMs);
