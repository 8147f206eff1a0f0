// Collects a check's findings, unmeasured targets and notes as it walks its evidence, with the
// caps that keep a hostile site's report small.
import { worstOf, type CheckOutcome, type Finding, type Severity, type Unmeasured } from '../model/findings.ts';

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
      this.overflow.set(code, {
        count: (more?.count ?? 0) + 1,
        severity: more ? worstOf([more.severity, severity])! : severity,
      });
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
      findings.push({
        code,
        severity,
        target: `${count} more`,
        message: `${count} more "${code}" finding(s) like the ${MAX_LISTED} above, not listed one by one`,
      });
    }
    const unmeasured = [...this.unmeasured];
    if (this.unmeasuredOverflow > 0) {
      unmeasured.push({
        target: `${this.unmeasuredOverflow} more`,
        reason: `${this.unmeasuredOverflow} more target(s) could not be measured, not listed one by one`,
      });
    }
    const notes =
      this.notesOverflow > 0 ? [...this.notes, `${this.notesOverflow} more note(s) not listed`] : this.notes;
    return {
      findings,
      unmeasured,
      checked: this.checked,
      notes,
      ...(notApplicable !== undefined && this.checked.length === 0 ? { notApplicable } : {}),
    };
  }
}
