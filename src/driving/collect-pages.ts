// Browser evidence for a site: its listed pages, in lanes side by side, and its flows meanwhile,
// one after another. Visits are listed in the order of `pages`, then the flows'. A listed page
// the browser refused for its certificate is visited again in a context of its own that accepts
// exactly that (ignoreHTTPSErrors), so its page checks are judged now rather than one renewal
// later; the visit says so. Flows are never run past a refused certificate: no secret is typed there.
import type { Browser } from '@playwright/test';
import type { Timeouts } from '../model/defaults.ts';
import type { PagesEvidence, PageVisit } from '../model/evidence.ts';
import type { Site } from '../model/site.ts';
import { flowsBoundMs, runFlows } from './flows.ts';
import { type BrowserCollectOptions, type Lane, type LanePage, lanesFor, visitBudgetMs, visitLane } from './lanes.ts';

/** The pages split into lanes, round robin. */
function lanesOf(pages: LanePage[], name: string, contextOptions?: Lane['contextOptions']): Lane[] {
  const count = lanesFor(pages.length);
  return Array.from({ length: Math.min(count, pages.length) }, (_, lane) => ({
    pages: pages.filter((_, i) => i % count === lane),
    screenshots: `${name}-${lane + 1}`,
    ...(contextOptions ? { contextOptions } : {}),
  }));
}

async function visitLanes(browser: Browser, site: Site, lanes: Lane[], options: BrowserCollectOptions) {
  const visited = await Promise.all(lanes.map((lane) => visitLane(browser, site, lane, options)));
  return visited.flat().sort(([a], [b]) => a - b);
}

/** The certificate error the browser refused a listed page for (Chromium's ERR_CERT_* errors), if it did. */
function refusedCertificate(visit: PageVisit): { path: string; error: string } | undefined {
  if (visit.origin.kind !== 'page') return undefined;
  const error = visit.unread.find(
    (u) => (u.kind === 'not-loaded' || u.kind === 'error-page') && u.netError?.startsWith('ERR_CERT_'),
  )?.netError;
  return error ? { path: visit.origin.path, error } : undefined;
}

/** A page the second visit could not load either keeps its first visit: the refusal is what users meet. */
const loaded = (visit: PageVisit): boolean =>
  !visit.unread.some((u) => u.kind === 'not-loaded' || u.kind === 'error-page' || u.kind === 'crashed');

async function pastRefusedCertificates(
  browser: Browser,
  site: Site,
  visits: PageVisit[],
  options: BrowserCollectOptions,
): Promise<PageVisit[]> {
  const refused = visits.flatMap((visit, index): (LanePage & { error: string })[] => {
    const refusal = refusedCertificate(visit);
    return refusal ? [{ ...refusal, index, origin: visit.origin }] : [];
  });
  if (refused.length === 0) return visits;
  const again = await visitLanes(
    browser,
    site,
    lanesOf(refused, 'certificate-bypassed', { ignoreHTTPSErrors: true }),
    options,
  );
  const result = [...visits];
  for (const [index, visit] of again) {
    const error = refused.find((r) => r.index === index)!.error;
    if (loaded(visit)) result[index] = { ...visit, certificateBypassed: error };
  }
  return result;
}

export async function collectPages(
  browser: Browser,
  site: Site,
  options: BrowserCollectOptions,
): Promise<PagesEvidence> {
  const listed = site.pages.map((p, index): LanePage => ({ path: p, index, origin: { kind: 'page', path: p } }));
  const [visited, flows] = await Promise.all([
    visitLanes(browser, site, lanesOf(listed, 'lane'), options),
    runFlows(browser, site, options),
  ]);
  const visits = await pastRefusedCertificates(
    browser,
    site,
    visited.map(([, visit]) => visit),
    options,
  );
  return { browserVersion: browser.version(), visits: [...visits, ...flows.visits], flows: flows.runs };
}

/**
 * The most a site's browser work can take: its lanes of listed pages (and, for pages refused for
 * their certificate, the same again past the error), and its flows meanwhile.
 */
export const pagesBoundMs = (site: Site, t: Timeouts): number =>
  Math.max(2 * Math.ceil(site.pages.length / lanesFor(site.pages.length)) * visitBudgetMs(t), flowsBoundMs(site, t));
