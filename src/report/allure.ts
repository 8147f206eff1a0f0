// What a check's verdict means in Allure: labels for the site and the check, the severity of
// the worst finding, "broken" for a check that could not measure, the findings as the
// description. Categories are in allure-categories.ts.
import { Status, type Label, type TestResult } from 'allure-js-commons';
import type { Severity } from '../model/findings.ts';
import { acceptedLine, findingLines, type CheckResult } from './result.ts';
import { worstFinding } from './summary.ts';
import { cell } from './markdown.ts';

const ALLURE_SEVERITY: Record<Severity, string> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'normal',
  low: 'minor',
  info: 'trivial',
};

const VERDICT: Record<CheckResult['status'], string> = {
  passed: 'passed',
  failed: 'failed',
  warning: 'warning',
  error: 'could not measure',
  skipped: 'not applicable',
};

export function applyVerdict(allure: TestResult, v: CheckResult): void {
  const worst = worstFinding(v);
  const labels: Label[] = [
    { name: 'epic', value: v.site },
    { name: 'feature', value: v.id },
    { name: 'site', value: v.site },
    { name: 'check', value: v.id },
    { name: 'verdict', value: VERDICT[v.status] },
    ...(worst ? [{ name: 'severity', value: ALLURE_SEVERITY[worst] }] : []),
    ...(v.accepted.length > 0 ? [{ name: 'accepted', value: String(v.accepted.length) }] : []),
  ];
  allure.labels = [...allure.labels.filter((l) => !labels.some((m) => m.name === l.name)), ...labels];
  if (v.status === 'error') allure.status = Status.BROKEN;
  // A failure shows its lines as the error; a check that passed says here what it set aside or warned about.
  const lines =
    v.status === 'failed' || v.status === 'error' ? [] : [...findingLines(v), ...v.accepted.map(acceptedLine)];
  if (lines.length > 0) allure.description = lines.map((l) => `- ${cell(l)}`).join('\n');
  else if (v.notApplicable !== undefined) allure.description = `Not applicable: ${cell(v.notApplicable)}`;
  // A warning passes, so Allure would show no message: give it the findings, as a failure has.
  if (v.status === 'warning') allure.statusDetails = { ...allure.statusDetails, message: findingLines(v).join('\n') };
}
