// Where a page check saw something: the page's URL for a listed page, and for a flow its name,
// the step or visit and the URL, e.g. "checkout › step 5 click #go-to-checkout › https://shop/checkout";
// for a page the discovery crawl found, where its URL came from: "crawl (linked from https://shop/about) › ...".
import type { PageVisit } from '../model/evidence.ts';

/** "checkout › step 5 click #go-to-checkout › " for a flow's page, "" for a listed page. */
export function originPrefix(visit: Pick<PageVisit, 'origin'>): string {
  const o = visit.origin;
  switch (o.kind) {
    case 'page':
      return '';
    case 'flow-step':
      return `${o.flow} › step ${o.step} ${o.action} › `;
    case 'flow-visit':
      return `${o.flow} › visit ${o.path} › `;
    case 'test':
      return `${o.title} › `;
    case 'crawl':
      return `crawl (${o.from}) › `;
  }
}

/** The page as the report names it. */
export const pageUrl = (visit: Pick<PageVisit, 'url' | 'finalUrl'>): string =>
  visit.finalUrl && !visit.finalUrl.startsWith('chrome-error:') ? visit.finalUrl : visit.url;

export const where = (visit: Pick<PageVisit, 'origin' | 'url' | 'finalUrl'>): string =>
  `${originPrefix(visit)}${pageUrl(visit)}`;

/**
 * A flow reads its page after every step, so the same thing on the same page shows up again
 * and again: it is reported where it was first seen. Listed pages are each their own sighting.
 */
export function firstSighting(): (visit: Pick<PageVisit, 'origin' | 'url' | 'finalUrl'>, item: string) => boolean {
  const seen = new Set<string>();
  return (visit, item) => {
    const flow =
      visit.origin.kind === 'flow-step' || visit.origin.kind === 'flow-visit'
        ? visit.origin.flow
        : `${visit.origin.kind}:${visit.url}`;
    const key = `${flow}\n${pageUrl(visit)}\n${item}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

/** " (seen with the certificate error bypassed (ERR_CERT_DATE_INVALID))" for a page the browser refused, seen past the error. */
export const bypassed = (visit: Pick<PageVisit, 'certificateBypassed'>): string =>
  visit.certificateBypassed ? ` (seen with the certificate error bypassed (${visit.certificateBypassed}))` : '';

/**
 * " (seen at login › step 4 click #submit › https://...)" for a flow's page; nothing for a listed
 * page, whose URL says it all; and whether it was seen past a refused certificate.
 */
export const seenAt = (visit: Pick<PageVisit, 'origin' | 'url' | 'finalUrl' | 'certificateBypassed'>): string =>
  `${originPrefix(visit) ? ` (seen at ${where(visit)})` : ''}${bypassed(visit)}`;

/**
 * Whether the browser upgrades what `frameUrl` references to https: its own document asks for
 * it (Content-Security-Policy: upgrade-insecure-requests, by header or <meta>), or the page's,
 * which its frames inherit.
 */
export function upgradedByPolicy(
  visit: Pick<PageVisit, 'upgradingDocuments' | 'url' | 'finalUrl'>,
  frameUrl: string,
): boolean {
  const upgrading = new Set(visit.upgradingDocuments ?? []);
  return upgrading.has(frameUrl) || upgrading.has(pageUrl(visit));
}

/** The note a check leaves where the policy kept http:// references off its findings. */
export const upgradedNote = (frameUrl: string, count: number, what: string): string =>
  `${frameUrl} asks browsers to upgrade insecure requests (Content-Security-Policy: upgrade-insecure-requests): its ${count} http:// ${what} ${count === 1 ? 'is' : 'are'} fetched over https, so not reported`;
