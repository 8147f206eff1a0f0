// The site whose rules judge what a test saw: the sites file's site (named, or holding one of
// the hosts seen), with the fixture's options over it. Without a sites file the hosts are the
// ones the test opened, and policy and cookie rules are the scan's defaults.
import type { Site } from '../model/site.ts';
import { DEFAULT_POLICY, DEFAULT_SESSION_COOKIE_NAMES } from '../model/defaults.ts';
import type { PagesEvidence } from '../model/evidence.ts';
import { hostOf } from '../model/url.ts';
import type { ResolvedOptions } from './options.ts';

/** Hosts of the https documents the pages' main frames showed, in the order first seen. */
export function documentHosts(pages: PagesEvidence): string[] {
  const urls = pages.visits.flatMap((v) => [
    ...v.responses.filter((r) => r.isNavigation && r.mainFrame).map((r) => r.url),
    v.finalUrl ?? v.url,
  ]);
  return [...new Set(urls.filter((u) => u.startsWith('https://')).map(hostOf))];
}

/** `seen`: the hosts the evidence is about; the first one names the site when nothing else does. */
export function siteFor(options: ResolvedOptions, seen: readonly string[]): Site {
  const sites = options.sitesFile?.sites ?? [];
  const configured = options.site
    ? sites.find((s) => s.name === options.site)
    : sites.find((s) => s.hosts.some((h) => seen.includes(h)));
  const hosts = options.hosts ?? configured?.hosts ?? [...seen];
  return {
    name: configured?.name ?? hosts[0] ?? 'test',
    url: configured?.url ?? `https://${hosts[0] ?? 'localhost'}/`,
    hosts,
    pages: [],
    policy: { ...DEFAULT_POLICY, ...configured?.policy, ...options.policy },
    cookies: {
      sessionNames: [
        ...(options.cookies?.sessionNames ?? configured?.cookies.sessionNames ?? DEFAULT_SESSION_COOKIE_NAMES),
      ],
      ignore: [...(configured?.cookies.ignore ?? []), ...(options.cookies?.ignore ?? [])],
    },
    flows: [],
    screenshots: false,
  };
}
