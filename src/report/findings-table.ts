// The first attachment of every test: the verdict as a person reads it. Findings that count
// (with their code, severity and remediation), what could not be measured, accepted findings
// with their reason and expiry, and the check's notes.
import { cell, table } from './markdown.ts';
import type { CheckResult } from './result.ts';

const STATUS_WORDS: Record<CheckResult['status'], string> = {
  passed: 'passed',
  failed: 'failed',
  warning: 'passed with warnings',
  error: 'could not measure',
  skipped: 'not applicable',
};

export function findingsMarkdown(r: CheckResult): string {
  const parts = [
    `# ${cell(r.id)} on ${cell(r.site)}: ${STATUS_WORDS[r.status]}`,
    `${cell(r.title)}. Findings at **${r.failOn}** and above fail; those below are warnings.`,
  ];
  if (r.notApplicable !== undefined) parts.push(`Not applicable: ${cell(r.notApplicable)}`);
  if (r.findings.length > 0) {
    parts.push(
      '## Findings',
      table(
        ['severity', 'code', 'target', 'finding', 'remediation'],
        r.findings.map((f) => [
          f.severity,
          f.code,
          f.target,
          f.acceptance
            ? `${f.message} (accepted until ${f.acceptance.expires}: EXPIRED, "${f.acceptance.reason}")`
            : f.message,
          f.remediation,
        ]),
      ),
    );
  } else if (r.status !== 'skipped') parts.push('No findings.');
  if (r.unmeasured.length > 0)
    parts.push(
      '## Could not measure',
      table(
        ['target', 'why'],
        r.unmeasured.map((u) => [u.target, u.reason]),
      ),
    );
  if (r.accepted.length > 0) {
    parts.push(
      '## Accepted',
      table(
        ['severity', 'code', 'target', 'finding', 'accepted until', 'reason'],
        r.accepted.map((f) => [
          f.severity,
          f.code,
          f.target,
          f.message,
          f.acceptance.expires ?? '(no expiry)',
          f.acceptance.reason,
        ]),
      ),
    );
  }
  if (r.notes.length > 0) parts.push('## Notes', r.notes.map((n) => `- ${cell(n)}`).join('\n'));
  if (r.checked.length > 0) parts.push(`Judged: ${r.checked.map(cell).join(', ')}`);
  return `${parts.join('\n\n')}\n`;
}
