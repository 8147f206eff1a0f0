// The categories of the Allure report (allurerc.ts), first match wins: checks that could not
// measure (broken), failures by family of checks, then warnings and accepted findings, which pass.
import { CHECK_GROUPS } from './check-groups.ts';

export const ALLURE_CATEGORIES = [
  { name: 'Could not measure', matchers: { statuses: ['broken'] } },
  ...CHECK_GROUPS.map((g) => ({
    name: g.name,
    matchers: { statuses: ['failed'], labels: { check: `^(${g.checks.join('|')})$` } },
  })),
  { name: 'Warnings (below failOn)', matchers: { labels: { verdict: '^warning$' } } },
  { name: 'Accepted findings', matchers: { labels: { accepted: '.' } } },
];
