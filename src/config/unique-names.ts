// Site names, and flow names within a site, must differ in more than case: they become test
// titles and file names, and a file system may ignore case.
import type { FieldProblem } from './errors.ts';

/** `what`: "site" or "flow"; paths are relative to the list (`[i, "name"]`). */
export function duplicateNameProblems(items: { name?: unknown }[], what: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (typeof item?.name !== 'string') return;
    const first = seen.get(item.name.toLowerCase());
    if (first === undefined) seen.set(item.name.toLowerCase(), i);
    else
      problems.push({
        path: [i, 'name'],
        message: `duplicate ${what} name "${item.name}" (also used by ${what}s[${first}])`,
      });
  });
  return problems;
}
