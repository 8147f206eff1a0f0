// no-downgrade: nothing takes a user from https back to http: no redirect or Location
// header (from Node or seen by the browser), no navigation a page starts, and no link
// from an https page to an http:// URL of the site's own hosts.
import { unfollowable } from '../model/redirects.ts';
import { visitsToJudge } from './visits-to-judge.ts';
import { firstSighting, seenAt, where } from './where.ts';
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import { hostOf } from '../model/url.ts';
import { reachReason, unreachableOn443 } from './unreachable.ts';

const CODES = {
  'redirect-to-http': 'a redirect or Location header from https to http',
  'redirect-to-other-scheme':
    'a redirect or Location header from https to a URL that is neither http nor https (javascript:, data:, file:...)',
  'navigation-to-http': 'a page or frame navigates itself from https to http',
  'link-to-http': "a link on an https page to an http:// URL of the site's own hosts",
};

const isHttps = (url: string | undefined): boolean => url?.startsWith('https://') ?? false;
const isHttp = (url: string | undefined): boolean => url?.startsWith('http://') ?? false;

export const noDowngrade: Check<'transport' | 'pages'> = {
  id: 'no-downgrade',
  title: 'Nothing downgrades from https:// to http://',
  remediation:
    'Make every redirect, Location header, script navigation and link on https pages point to https:// URLs. Behind a TLS-terminating proxy, build redirects from X-Forwarded-Proto or use relative Location headers.',
  codes: CODES,
  needs: ['transport', 'pages'],
  run(site, { transport, pages }) {
    const out = new Outcome<keyof typeof CODES>();
    const ownHosts = new Set(site.hosts);
    const judgeLocation = (from: string, status: number | undefined, location: string | undefined) => {
      if (!isHttps(from) || location === undefined) return;
      if (isHttp(location))
        out.add(
          'redirect-to-http',
          'high',
          from,
          `redirects from https to plain http (HTTP ${status}, Location: ${location})`,
        );
      else if (unfollowable(location) === 'unsafe-scheme') {
        out.add(
          'redirect-to-other-scheme',
          'medium',
          from,
          `redirects from https to ${location} (HTTP ${status}): browsers refuse to follow a redirect to a URL that is not http(s) and show an error instead`,
          'Redirect only to https:// URLs; a javascript:, data: or file: URL in a Location header usually means the target is built from unchecked input.',
        );
      }
    };

    for (const { host, https, http } of transport.hosts) {
      if (https.hops[0]?.error && http.hops[0]?.error) {
        out.cannotMeasure(
          host,
          unreachableOn443(https.hops[0]?.error)
            ? reachReason(https.hops[0].error)
            : 'neither https:// nor http:// answered (see https-port-443)',
        );
        continue;
      }
      out.judged(host);
      // The http:// chains are http-redirect's; once on https they repeat these hops.
      for (const hop of https.hops) judgeLocation(hop.url, hop.status, hop.location);
    }

    const firstSeen = firstSighting();
    for (const visit of visitsToJudge(pages, out)) {
      out.judged(where(visit));
      for (const r of visit.responses) judgeLocation(r.url, r.status, r.location);
      for (const nav of visit.navigations) {
        if (!nav.redirected && isHttps(nav.from) && isHttp(nav.url)) {
          out.add(
            'navigation-to-http',
            'high',
            nav.from!,
            `${nav.mainFrame ? 'the page' : 'a frame'} navigates from https to plain http: ${nav.url}${seenAt(visit)}`,
          );
        }
      }
      for (const link of visit.links) {
        if (
          isHttps(link.pageUrl) &&
          isHttp(link.href) &&
          ownHosts.has(hostOf(link.href)) &&
          firstSeen(visit, link.href)
        ) {
          out.add(
            'link-to-http',
            'medium',
            link.pageUrl,
            `links to the site's own host over plain http: ${link.href}${seenAt(visit)}`,
          );
        }
      }
    }
    return out.done();
  },
};
