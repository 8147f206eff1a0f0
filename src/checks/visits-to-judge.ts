// What the page checks may judge, and what they could not: every visit is judged for what was
// seen, but a page or frame that could not be read, and whatever a stopped flow did not reach,
// are "could not measure" for every page check, worded the same way everywhere.
import type { PagesEvidence, PageVisit } from '../collectors/types.ts';
import type { Outcome } from './types.ts';
import { originPrefix } from './where.ts';

/** A flow that stopped (or never started) leaves pages unseen: could not measure, naming where and why. */
export function reportStoppedFlows(pages: PagesEvidence, out: Outcome): void {
  for (const flow of pages.flows) {
    if (flow.status === 'completed') continue;
    const missed = flow.notReached.length > 0 ? `; not reached: ${flow.notReached.join(', ')}` : '';
    out.cannotMeasure(`${flow.name} › ${flow.stoppedAt ?? 'not run'}`, `${flow.status === 'not-run' ? 'not run' : 'the flow stopped'}: ${flow.reason ?? 'unknown reason'}${missed}`);
  }
}

export function visitsToJudge(pages: PagesEvidence, out: Outcome): PageVisit[] {
  for (const visit of pages.visits) {
    for (const u of visit.unread) out.cannotMeasure(`${originPrefix(visit)}${u.target}`, u.reason);
  }
  reportStoppedFlows(pages, out);
  return pages.visits;
}
