// The contract of a check: a pure function from a site's evidence to findings.
import type { Site } from '../config/load.ts';
import type { EvidenceKind, SiteEvidence } from '../collectors/types.ts';

/** From the most to the least severe. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** Findings at or above the site's `policy.failOn` (default medium) fail the test; those below are warnings. */
export type Severity = (typeof SEVERITIES)[number];

export const DEFAULT_FAIL_ON: Severity = 'medium';

/** True when `severity` is `threshold` or worse. */
export const atOrAbove = (severity: Severity, threshold: Severity): boolean => SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);

/** The worst of some severities, undefined for none. */
export const worstOf = (severities: Iterable<Severity>): Severity | undefined => {
  let worst: Severity | undefined;
  for (const s of severities) if (!worst || SEVERITIES.indexOf(s) < SEVERITIES.indexOf(worst)) worst = s;
  return worst;
};

export interface Finding {
  /** Stable id of the kind of problem within its check, e.g. "missing"; reports qualify it as "hsts.missing". */
  code: string;
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
  /** Every finding code the check can report, with what it means (stable and public, like the id). */
  codes: Readonly<Record<string, string>>;
  needs: readonly K[];
  run(site: Site, evidence: Pick<SiteEvidence, K>): CheckOutcome;
}

export type CheckStatus = 'passed' | 'failed' | 'warning' | 'error' | 'skipped';

/** failed (a finding at or above failOn) beats error ("could not measure"), which beats warning, which beats passed. */
export function statusOf(outcome: Pick<CheckOutcome, 'findings' | 'unmeasured' | 'notApplicable'>, failOn: Severity = DEFAULT_FAIL_ON): CheckStatus {
  if (outcome.notApplicable !== undefined && outcome.findings.length === 0 && outcome.unmeasured.length === 0) return 'skipped';
  if (outcome.findings.some((f) => atOrAbove(f.severity, failOn))) return 'failed';
  if (outcome.unmeasured.length > 0) return 'error';
  if (outcome.findings.length > 0) return 'warning';
  return 'passed';
}

/**
 * Past this many findings of one code (or unmeasured targets, or notes) a check keeps only a
 * count: a hostile site with 10,000 cookies must not make a 15 MB report.
 */
export const MAX_LISTED = 50;


/** Collects findings and unmeasured targets while a check walks its evidence. */
export class Outcome<C extends string = string> {
  readonly findings: Finding[] = [];
  readonly unmeasured: Unmeasured[] = [];
  readonly checked: string[] = [];
  readonly notes: string[] = [];
  private readonly keys = new Set<string>();
  private readonly perCode = new Map<C, number>();
  /** Findings beyond MAX_LISTED per code: how many, and the worst severity among them. */
  private readonly overflow = new Map<C, { count: number; severity: Severity }>();
  private readonly unmeasuredTargets = new Set<string>();
  private unmeasuredOverflow = 0;
  private readonly checkedTargets = new Set<string>();
  private notesOverflow = 0;

  /** Adds a finding once: the same target and message never repeat. */
  add(code: C, severity: Severity, target: string, message: string, remediation?: string): void {
    const key = `${target}\n${message}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const listed = this.perCode.get(code) ?? 0;
    if (listed >= MAX_LISTED) {
      const more = this.overflow.get(code);
      this.overflow.set(code, { count: (more?.count ?? 0) + 1, severity: more ? worstOf([more.severity, severity])! : severity });
      return;
    }
    this.perCode.set(code, listed + 1);
    this.findings.push({ code, severity, target, message, ...(remediation ? { remediation } : {}) });
  }

  cannotMeasure(target: string, reason: string): void {
    if (this.unmeasuredTargets.has(target)) return;
    this.unmeasuredTargets.add(target);
    if (this.unmeasured.length < MAX_LISTED) this.unmeasured.push({ target, reason });
    else this.unmeasuredOverflow++;
  }

  note(text: string): void {
    if (this.notes.includes(text)) return;
    if (this.notes.length < MAX_LISTED) this.notes.push(text);
    else this.notesOverflow++;
  }

  judged(target: string): void {
    if (this.checkedTargets.has(target)) return;
    this.checkedTargets.add(target);
    this.checked.push(target);
  }

  done(notApplicable?: string): CheckOutcome {
    const findings = [...this.findings];
    for (const [code, { count, severity }] of this.overflow) {
      findings.push({ code, severity, target: `${count} more`, message: `${count} more "${code}" finding(s) like the ${MAX_LISTED} above, not listed one by one` });
    }
    const unmeasured = [...this.unmeasured];
    if (this.unmeasuredOverflow > 0) {
      unmeasured.push({ target: `${this.unmeasuredOverflow} more`, reason: `${this.unmeasuredOverflow} more target(s) could not be measured, not listed one by one` });
    }
    const notes = this.notesOverflow > 0 ? [...this.notes, `${this.notesOverflow} more note(s) not listed`] : this.notes;
    return {
      findings,
      unmeasured,
      checked: this.checked,
      notes,
      ...(notApplicable !== undefined && this.checked.length === 0 ? { notApplicable } : {}),
    };
  }
}
