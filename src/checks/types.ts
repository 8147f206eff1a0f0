// The contract of a check: a pure function from a site's evidence to findings.
import type { Site } from '../config/load.ts';
import type { EvidenceKind, SiteEvidence } from '../collectors/types.ts';

/** critical/high/medium fail the test; low/info are warnings that do not fail the run. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface Finding {
  severity: Severity;
  /** The offending item: a host, a URL, a cookie... */
  target: string;
  message: string;
  /** Overrides the check's general remediation when the fix is specific. */
  remediation?: string;
}

/** A target the check could not judge, and why (host down, page did not load...). */
export interface Unmeasured {
  target: string;
  reason: string;
}

export interface CheckOutcome {
  findings: Finding[];
  unmeasured: Unmeasured[];
  /** Targets that were judged, for the report. */
  checked: string[];
  /** Context worth showing that is neither a finding nor a failure to measure. */
  notes: string[];
  /** Set when the check does not apply to this site at all (nothing to judge). */
  notApplicable?: string;
}

export interface Check<K extends EvidenceKind = EvidenceKind> {
  /** Stable public id: used in test titles, --grep, reports and summary.json. */
  id: string;
  title: string;
  /** What a user must do when this check fails. */
  remediation: string;
  needs: readonly K[];
  run(site: Site, evidence: Pick<SiteEvidence, K>): CheckOutcome;
}

export type CheckStatus = 'passed' | 'failed' | 'warning' | 'error' | 'skipped';

export const FAILING: ReadonlySet<Severity> = new Set(['critical', 'high', 'medium']);

/** failed beats error ("could not measure"), which beats warning, which beats passed. */
export function statusOf(outcome: CheckOutcome): CheckStatus {
  if (outcome.notApplicable !== undefined && outcome.findings.length === 0 && outcome.unmeasured.length === 0) return 'skipped';
  if (outcome.findings.some((f) => FAILING.has(f.severity))) return 'failed';
  if (outcome.unmeasured.length > 0) return 'error';
  if (outcome.findings.length > 0) return 'warning';
  return 'passed';
}

/** Collects findings and unmeasured targets while a check walks its evidence. */
export class Outcome {
  readonly findings: Finding[] = [];
  readonly unmeasured: Unmeasured[] = [];
  readonly checked: string[] = [];
  readonly notes: string[] = [];
  private readonly keys = new Set<string>();

  /** Adds a finding once: the same target and message never repeat. */
  add(severity: Severity, target: string, message: string, remediation?: string): void {
    const key = `${target}\n${message}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.findings.push({ severity, target, message, ...(remediation ? { remediation } : {}) });
  }

  cannotMeasure(target: string, reason: string): void {
    if (!this.unmeasured.some((u) => u.target === target)) this.unmeasured.push({ target, reason });
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  judged(target: string): void {
    if (!this.checked.includes(target)) this.checked.push(target);
  }

  done(notApplicable?: string): CheckOutcome {
    return {
      findings: this.findings,
      unmeasured: this.unmeasured,
      checked: this.checked,
      notes: this.notes,
      ...(notApplicable !== undefined && this.checked.length === 0 ? { notApplicable } : {}),
    };
  }
}
