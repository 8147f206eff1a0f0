// reports/summary.md (also appended to the GitHub step summary): the site x check matrix, the
// totals, every finding, what could not be measured, accepted findings and certificate expiry.
import { cell, table } from './markdown.ts';
import { expiryMarkdown } from './certificate-expiry.ts';
import { expiredNote } from './result.ts';
import { changeLine } from './discovery-history.ts';
import { checkIds, totalsLine, unmeasuredGroups, worstFinding, type Summary, type SummaryCheck } from './summary.ts';

/** Past this many rows a section keeps a count: a step summary must stay under GitHub's 1 MiB. */
export const MAX_ROWS = 300;

// Symbols every common font has (no emoji), as the console uses them.
const MARKS: Record<SummaryCheck['status'], (c: SummaryCheck) => string> = {
  passed: () => '✓',
  failed: (c) => `✘ ${worstFinding(c) ?? ''}`.trim(),
  warning: () => '⚠ warning',
  error: () => '? not measured',
  skipped: () => 'n/a',
};

const capped = (rows: string[][]): { rows: string[][]; more: string } =>
  rows.length > MAX_ROWS
    ? { rows: rows.slice(0, MAX_ROWS), more: `\n\n${rows.length - MAX_ROWS} more rows in summary.json.` }
    : { rows, more: '' };

function section(title: string, header: string[], all: string[][]): string[] {
  if (all.length === 0) return [];
  const { rows, more } = capped(all);
  return [`## ${title}`, `${table(header, rows)}${more}`];
}

export function summaryMarkdown(s: Summary): string {
  const ids = checkIds(s);
  const checks = s.sites.flatMap((site) => site.checks.map((c) => ({ site: site.name, c })));
  const failOns = [...new Set(checks.map(({ c }) => c.failOn))];
  const matrix = table(
    ['site', ...ids],
    s.sites.map((site) => [
      site.name,
      ...ids.map((id) => {
        const c = site.checks.find((x) => x.id === id);
        return c ? MARKS[c.status](c) : '';
      }),
    ]),
  );
  return `${[
    '# Site security scan',
    `${cell(s.startedAt)} to ${cell(s.finishedAt)}; ${s.sites.length} site(s); findings at ${failOns.join(' / ')} and above fail.`,
    `**Totals:** ${cell(totalsLine(s))}`,
    '## Sites × checks',
    `${matrix}\n\n✓ passed · ✘ failed, with the worst severity · ⚠ warnings only · ? could not measure · n/a not applicable`,
    ...section(
      'Findings',
      ['site', 'check', 'severity', 'code', 'target', 'finding'],
      checks.flatMap(({ site, c }) =>
        c.findings.map((f) => [site, c.id, f.severity, f.code, f.target, `${f.message}${expiredNote(f)}`]),
      ),
    ),
    ...section(
      'Could not measure',
      ['site', 'target', 'why', 'checks'],
      unmeasuredGroups(s).map((g) => [g.site, g.target, g.reason, g.checks.join(', ')]),
    ),
    ...section(
      'Accepted findings',
      ['site', 'check', 'code', 'severity', 'target', 'accepted until', 'reason'],
      s.accepted.map((a) => [a.site, a.check, a.code, a.severity, a.target, a.expires ?? '(no expiry)', a.reason]),
    ),
    ...(s.certificates.length > 0
      ? ['## Certificate expiry', `Soonest first.\n\n${expiryMarkdown(s.certificates.slice(0, MAX_ROWS))}`]
      : []),
    ...(s.discovery
      ? [
          '## Discovery since the last run',
          s.discovery.length > 0
            ? s.discovery
                .slice(0, MAX_ROWS)
                .map((c) => `- ${cell(changeLine(c))}`)
                .join('\n')
            : 'No host is new and none disappeared.',
        ]
      : []),
  ].join('\n\n')}\n`;
}
