// A problem with the user's input. Carries every problem found, each naming where it is,
// so the run can stop with one clear message and no stack trace.

/** More would bury the first problems, which are usually the cause of the rest. */
export const MAX_LISTED_PROBLEMS = 50;
/** A hostile file can hold a field name megabytes long; a problem line stays readable. */
const MAX_PROBLEM_LENGTH = 500;

export class ConfigError extends Error {
  /**
   * `problems` may hold only the first ones of `total` (a garbled file has millions of
   * syntax errors); the message lists at most MAX_LISTED_PROBLEMS and counts the rest.
   */
  constructor(
    readonly file: string,
    readonly problems: string[],
    readonly total = problems.length,
  ) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `  - ${shorten(p)}`);
    const more = total - listed.length;
    if (more > 0) listed.push(`  ... and ${more} more problem${more === 1 ? '' : 's'}`);
    super(`${file}: ${total} problem${total === 1 ? '' : 's'}\n${listed.join('\n')}`);
    this.name = 'ConfigError';
  }
}

function shorten(problem: string): string {
  return problem.length > MAX_PROBLEM_LENGTH ? `${problem.slice(0, MAX_PROBLEM_LENGTH - 1)}…` : problem;
}

export { jsonPath } from '../model/json-path.ts';

/** A problem at a place in the file, before its path is written out. */
export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

/** The same problems, one level deeper: under `prefix`. */
export function under(prefix: (string | number)[], problems: FieldProblem[]): FieldProblem[] {
  return problems.map((p) => ({ ...p, path: [...prefix, ...p.path] }));
}
