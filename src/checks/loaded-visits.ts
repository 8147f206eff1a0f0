// Page checks judge only the pages that loaded; a page that never answered is
// "could not measure" for every one of them, worded the same way everywhere.
import type { PagesEvidence, PageVisit } from '../collectors/types.ts';
import type { Outcome } from './types.ts';

export function loadedVisits(pages: PagesEvidence, out: Outcome): PageVisit[] {
  return pages.visits.filter((visit) => {
    const failed = visit.error !== undefined && visit.responses.length === 0;
    if (failed) out.cannotMeasure(visit.url, `the page did not load: ${visit.error}`);
    return !failed;
  });
}
