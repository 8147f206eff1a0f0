// The contract of a check: a pure function from a site's evidence to findings.
import type { Site } from './site.ts';
import type { EvidenceKind, SiteEvidence } from './evidence.ts';
import type { CheckOutcome } from './findings.ts';

export interface Check<K extends EvidenceKind = EvidenceKind> {
  /** Stable public id: used in test titles, --grep, reports and summary.json. */
  id: string;
  title: string;
  /** What a user must do when this check fails. */
  remediation: string;
  /** Every finding code the check can report, with what it means (stable and public, like the id). */
  codes: Readonly<Record<string, string>>;
  needs: readonly K[];
  run(site: Site, evidence: Pick<SiteEvidence, K>): CheckOutcome;
}

/** What the sites file and the library need to know of the checks: their ids and finding codes. */
export type CheckCatalogue = readonly Pick<Check, 'id' | 'codes'>[];
