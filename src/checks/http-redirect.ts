// http-redirect: http:// on port 80 sends every host first to https:// on the same host,
// permanently, keeping path and query, and the chain reaches an https page within the
// policy's hop limit without looping. Judged on the server's own answers (from Node).
import { describeFailure } from './describe-failure.ts';
import { isRedirect, unfollowable } from '../model/redirects.ts';
import type { RedirectChain } from '../model/evidence.ts';
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import { reachReason, unreachableOn443 } from './unreachable.ts';

const PERMANENT = new Set([301, 308]);

const CODES = {
  'no-redirect': 'http:// answers without redirecting to https',
  'not-to-https': 'the first redirect does not go to https',
  'other-host': 'the first redirect goes to another host (no HSTS for this one)',
  temporary: 'the first redirect is temporary (302/303/307)',
  'changes-path': 'the redirect drops or changes the path or query',
  loop: 'the redirect chain loops',
  endless: 'the chain never reaches a page',
  'chain-broken': 'a hop to another host does not answer',
  'ends-on-http': 'the chain ends on a plain http page',
  'too-many-hops': 'more redirects than maxRedirectHops',
  'unsafe-redirect':
    'a redirect goes to a URL that is not http(s) (javascript:, data:, file:...), which browsers never follow',
  'invalid-location': "a redirect's Location header is not a URL",
};
type Code = keyof typeof CODES;

export const httpRedirect: Check<'transport'> = {
  id: 'http-redirect',
  title: 'http:// redirects permanently to https:// on the same host',
  remediation:
    'Answer every http:// request with a 301 or 308 to the same host and path on https:// (e.g. "return 301 https://$host$request_uri;" in nginx), then let the https site do any further redirects.',
  codes: CODES,
  needs: ['transport'],
  run(site, { transport }) {
    const out = new Outcome<Code>();
    for (const { host, http, https } of transport.hosts) {
      const first = http.hops[0];
      if (!first) continue;
      if (first.error) {
        if (first.error.kind === 'refused' && !https.hops[0]?.error) {
          out.judged(host);
          out.note(`${host}: port 80 is closed, so there is no plain-http service to redirect`);
        } else
          out.cannotMeasure(
            host,
            unreachableOn443(https.hops[0]?.error)
              ? reachReason(https.hops[0].error)
              : `http://${host}/ on port 80: ${describeFailure(first.error)}`,
          );
        continue;
      }
      out.judged(host);
      judgeFirstHop(out, host, first.url, first.status, first.location);
      judgeChain(out, http, site.policy.maxRedirectHops, new Set(site.hosts));
    }
    return out.done();
  },
};

function judgeFirstHop(
  out: Outcome<Code>,
  host: string,
  url: string,
  status: number | undefined,
  location: string | undefined,
): void {
  if (!isRedirect(status) || !location) {
    out.add(
      'no-redirect',
      'high',
      url,
      `answered HTTP ${status} over plain http instead of redirecting to https://${host}/`,
    );
    return;
  }
  // A redirect browsers cannot follow ends the chain there: judgeChain reports it, once.
  if (unfollowable(location)) return;
  const target = new URL(location);
  if (target.protocol !== 'https:') {
    out.add('not-to-https', 'high', url, `first redirect (${status}) goes to ${location}, not to https`);
    return;
  }
  // Another port of the same host is the same host for HSTS and cookies (RFC 6797 section 8.3):
  // https-port-443 reports a port other than 443.
  if (target.hostname !== host) {
    out.add(
      'other-host',
      'high',
      url,
      `first redirect (${status}) goes to another host, ${location}: it must go to https://${host} first so that browsers can receive HSTS for this host`,
    );
  }
  if (!PERMANENT.has(status!)) {
    out.add(
      'temporary',
      'medium',
      url,
      `first redirect is temporary (HTTP ${status}); use 301 or 308 so browsers and crawlers remember it`,
    );
  }
  const asked = new URL(url);
  if (target.hostname === host && `${target.pathname}${target.search}` !== `${asked.pathname}${asked.search}`) {
    out.add(
      'changes-path',
      'medium',
      url,
      `redirect drops or changes the path or query: ${asked.pathname}${asked.search} became ${target.pathname}${target.search}`,
    );
  }
}

function judgeChain(out: Outcome<Code>, chain: RedirectChain, maxHops: number, ownHosts: Set<string>): void {
  const start = chain.startUrl;
  const urls = chain.hops.map((h) => h.url);
  const last = chain.hops[chain.hops.length - 1]!;
  const redirects = chain.hops.filter((h) => isRedirect(h.status)).length;
  if (chain.outcome === 'loop') {
    out.add('loop', 'high', start, `redirect loop: ${[...urls, last.location].join(' -> ')}`);
  } else if (chain.outcome === 'too-long') {
    out.add(
      'endless',
      'high',
      start,
      `gave up after ${redirects} redirects without reaching a page: ${urls.join(' -> ')} -> ...`,
    );
  } else if (chain.outcome === 'unsafe-scheme') {
    out.add(
      'unsafe-redirect',
      'high',
      start,
      `${last.url} redirects (HTTP ${last.status}) to ${last.location}: browsers follow redirects only to http(s) URLs, so the chain never reaches an https page`,
    );
  } else if (chain.outcome === 'bad-location') {
    out.add(
      'invalid-location',
      'high',
      start,
      `${last.url} redirects (HTTP ${last.status}) to "${last.location}", which is not a URL: browsers stop there, so the chain never reaches an https page`,
    );
  } else if (chain.outcome === 'error') {
    const broken = `redirect chain breaks at ${last.url}: ${describeFailure(last.error!)}`;
    // A listed host that does not answer is https-port-443's finding; do not report it twice.
    if (ownHosts.has(new URL(last.url).hostname)) out.note(`${broken} (see https-port-443)`);
    else out.add('chain-broken', 'medium', start, broken);
  } else {
    if (!last.url.startsWith('https://')) {
      if (redirects > 0)
        out.add('ends-on-http', 'high', start, `redirect chain ends on plain http: ${urls.join(' -> ')}`);
    } else if (redirects > maxHops) {
      out.add(
        'too-many-hops',
        'medium',
        start,
        `${redirects} redirects before the final page (policy allows ${maxHops}): ${urls.join(' -> ')}`,
      );
    }
  }
}
