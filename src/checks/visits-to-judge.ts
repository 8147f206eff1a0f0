// What the page checks may judge, and what they could not: every visit is judged for what was
// seen, but a page or frame that could not be read, and whatever a stopped flow did not reach,
// are "could not measure" for every page check, worded the same way everywhere.
import type { PagesEvidence, PageVisit, Unread } from '../model/evidence.ts';
import type { Outcome } from './outcome.ts';
import { originPrefix, pageUrl } from './where.ts';
import { browserCouldNotConnect, browserReachReason } from './unreachable.ts';
import { browserErrorWords } from '../model/browser-errors.ts';
import { hostOf } from '../model/url.ts';

/**
 * What a page check could not read; a page whose own host the browser could not reach is that
 * host, once. A page that redirected elsewhere failed on the other host, which https-port-443
 * does not probe: it stays the page, with the browser's reason.
 */
export function cannotRead(out: Outcome, visit: PageVisit, u: Unread): void {
  const host = hostOf(u.target);
  if (host && browserCouldNotConnect(u) && hostOf(failedAt(visit, u)) === host)
    out.cannotMeasure(host, browserReachReason(u));
  else out.cannotMeasure(`${originPrefix(visit)}${u.target}`, u.reason);
}

/** The URL a page's load failed on: the last main-frame navigation (after any redirects) of that page. */
function failedAt(visit: PageVisit, u: Unread): string {
  if (u.target !== visit.url) return u.target;
  return visit.navigations.filter((n) => n.mainFrame).at(-1)?.url ?? u.target;
}

/** A flow that stopped (or never started) leaves pages unseen: could not measure, naming where and why. */
export function reportStoppedFlows(pages: PagesEvidence, out: Outcome): void {
  for (const flow of pages.flows) {
    if (flow.status === 'completed') continue;
    const missed = flow.notReached.length > 0 ? `; not reached: ${flow.notReached.join(', ')}` : '';
    out.cannotMeasure(
      `${flow.name} › ${flow.stoppedAt ?? 'not run'}`,
      `${flow.status === 'not-run' ? 'not run' : 'the flow stopped'}: ${flow.reason ? browserErrorWords(flow.reason) : 'unknown reason'}${missed}`,
    );
  }
}

/** A page seen past a refused certificate is judged, and every page check says how it was seen. */
export function noteBypassed(out: Outcome, visit: PageVisit): void {
  if (visit.certificateBypassed) {
    out.note(
      `${pageUrl(visit)} was refused by the browser (${visit.certificateBypassed}) and judged as seen with the certificate error bypassed (${visit.certificateBypassed}): fix the certificate (see the certificate checks)`,
    );
  }
}

export function visitsToJudge(pages: PagesEvidence, out: Outcome): PageVisit[] {
  for (const visit of pages.visits) {
    for (const u of visit.unread) cannotRead(out, visit, u);
    noteBypassed(out, visit);
  }
  reportStoppedFlows(pages, out);
  return pages.visits;
}
