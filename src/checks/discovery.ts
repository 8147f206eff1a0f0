// discovery: what sites.json does not list. Hosts under the site's registrable domain and pages
// of its main host that discovery found are low findings (add them to sites.json, or accept
// them); what a bound cut off is one too. A host that answers on neither 443 nor 80 is an info
// note (a mail or internal name, say). Each source's status and counts are notes, and a source
// that failed is "could not measure": a failed source never reads as "found nothing".
import type { Check } from '../model/check.ts';
import type { DiscoverySource } from '../model/evidence.ts';
import { Outcome } from './outcome.ts';
import { someNames } from './tls-hosts.ts';

const CODES = {
  'unlisted-host': "a host under the site's registrable domain that sites.json does not list (low)",
  'no-answer': 'a host found that answers on neither 443 nor 80: a mail or internal name? (info)',
  'unlisted-page': 'a page of the main host the crawl visited that sites.json does not list (low)',
  'pages-bounded': 'the crawl stopped at a bound (maxPages, maxDepth, budgetMs): some pages were not visited (low)',
  'hosts-bounded': 'more hosts were found than maxHosts: some were not probed (low)',
};
type Code = keyof typeof CODES;

const SOURCE_NAMES: Record<DiscoverySource['kind'], string> = {
  certificates: 'certificates',
  pages: 'pages',
  robots: 'robots.txt',
  sitemap: 'sitemap',
  ct: 'CT',
};

const sourceLine = (s: DiscoverySource): string =>
  `${SOURCE_NAMES[s.kind]} ${s.target}: ${s.status}, ${s.hosts} host name(s), ${s.pages} page(s)${s.detail ? ` (${s.detail})` : ''}`;

export const discovery: Check<'discovery'> = {
  id: 'discovery',
  title: 'Every host and page discovery finds is listed in sites.json',
  remediation:
    'Add the hosts found to the site\'s "subdomains" and the pages to its "pages" (or accept them with an "accept" entry), so that they are checked on every run; retire a forgotten host you no longer need (its certificate and DNS too).',
  codes: CODES,
  needs: ['discovery'],
  run(site, { discovery: d }) {
    const out = new Outcome<Code>();
    if (!d.enabled) return out.done('discovery is off for this site (sites.json "discover")');
    out.judged(site.name);
    for (const s of d.sources) {
      if (s.status === 'failed')
        out.cannotMeasure(`${SOURCE_NAMES[s.kind]} ${s.target}`, `failed: ${s.detail ?? 'no reason given'}`);
      else out.note(sourceLine(s));
    }
    for (const h of d.hosts) {
      if (h.status === 'no-answer') {
        out.add(
          'no-answer',
          'info',
          h.host,
          `found (${h.origin}) but answers on neither 443 nor 80 (${h.reason}): a mail or internal name? Not judged further`,
        );
        continue;
      }
      const probed =
        h.status === 'probed'
          ? 'judged by the host checks in this run'
          : h.status === 'over-limit'
            ? 'not probed: past maxHosts'
            : 'not probed (discover.hosts is false)';
      out.add('unlisted-host', 'low', h.host, `not in sites.json; discovered: ${h.origin}; ${probed}`);
    }
    for (const p of d.pages) {
      if (p.status === 'visited')
        out.add(
          'unlisted-page',
          'low',
          p.url,
          `not in sites.json; found ${p.origin}; judged by the page checks in this run`,
        );
    }
    for (const bound of d.bounds) {
      if (bound.startsWith('stopped at maxHosts')) out.add('hosts-bounded', 'low', site.name, bound);
      else if (bound.startsWith('stopped at') || bound.includes('not even recorded'))
        out.add('pages-bounded', 'low', site.name, bound);
      else out.note(bound);
    }
    if (d.thirdParties.length > 0)
      out.note(
        `third parties (other domains than ${d.domain}: never probed, never judged): ${someNames(d.thirdParties.map((t) => `${t.host} (${t.origin})`))}`,
      );
    if (d.wildcards.length > 0)
      out.note(
        `wildcard names (coverage, not hosts to probe): ${someNames(d.wildcards.map((w) => `${w.name} (${w.origin})`))}`,
      );
    return out.done();
  },
};
