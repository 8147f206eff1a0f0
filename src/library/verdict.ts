// A matcher's verdict: the checks run as they are on the evidence, their results as the scan
// reports them (public codes "<check id>.<code>", remediation), then sorted for a test.
// Findings at or above the threshold fail, and so does what could not be measured; findings
// below it and accepted ones are annotations, as the scan makes low/info findings warnings.
import type { Site } from '../model/site.ts';
import type { EvidenceKind, SiteEvidence } from '../model/evidence.ts';
import { atOrAbove, type Severity } from '../model/findings.ts';
import type { Check } from '../model/check.ts';
import { acceptedLine, findingLine, toResult, unmeasuredLine } from '../report/result.ts';
import type { JudgeSettings } from './options.ts';

export type AnnotationType = 'security warning' | 'security accepted' | 'security note';

export interface Verdict {
  pass: boolean;
  /** Findings that fail, and targets that could not be measured. */
  failing: number;
  unmeasured: number;
  /** The failure's lines, as the scan writes them ("[severity] target: message (code)"), each followed by its remediation. */
  lines: string[];
  /** Reported beside the test whatever the verdict. */
  annotations: { type: AnnotationType; description: string }[];
}

export function judge<K extends EvidenceKind>(
  checks: readonly Check<K>[],
  site: Site,
  evidence: Pick<SiteEvidence, K>,
  settings: JudgeSettings,
): Verdict {
  const verdict: Verdict = { pass: true, failing: 0, unmeasured: 0, lines: [], annotations: [] };
  for (const check of checks) {
    // The scan's own result: acceptances matched and expired the same way, lines in the same form.
    const result = toResult(site, check, check.run(site, evidence), settings.accept);
    for (const f of result.accepted)
      verdict.annotations.push({ type: 'security accepted', description: acceptedLine(f) });
    // A remediation is repeated only when it differs from the one just shown.
    let shown: string | undefined;
    for (const f of result.findings) {
      if (!atOrAbove(f.severity, settings.failOn)) {
        verdict.annotations.push({ type: 'security warning', description: findingLine(f) });
        continue;
      }
      verdict.failing++;
      verdict.lines.push(findingLine(f));
      if (f.remediation !== shown) verdict.lines.push(`  remediation: ${f.remediation}`);
      shown = f.remediation;
    }
    for (const u of result.unmeasured) {
      verdict.unmeasured++;
      verdict.lines.push(unmeasuredLine(u, check.id));
    }
    for (const note of result.notes)
      verdict.annotations.push({ type: 'security note', description: `${check.id}: ${note}` });
  }
  verdict.pass = verdict.failing === 0 && verdict.unmeasured === 0;
  return verdict;
}

/** "2 findings at medium or above, 1 target could not be measured" */
export function verdictSummary(v: Verdict, failOn: Severity): string {
  const parts = [
    ...(v.failing > 0 ? [`${v.failing} finding${v.failing === 1 ? '' : 's'} at ${failOn} or above`] : []),
    ...(v.unmeasured > 0 ? [`${v.unmeasured} target${v.unmeasured === 1 ? '' : 's'} could not be measured`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : `no finding at ${failOn} or above`;
}
