// `accept`: known findings accepted for a while, in sites.json and in a team's own tests alike.
// One validator over the check catalogue the caller gives (config does not know the checks): a
// check id or a finding code that no check declares is refused, with its JSON path. Applying
// acceptances (which findings they match, what an expired one does) belongs to the report.
import { z } from 'zod';
import type { CheckCatalogue } from '../model/check.ts';
import { evenWithInvalidFields, rule } from './fields.ts';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 2026-02-30 has the form of a date but is none: Date rolls it over into March. */
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Why `code` is not a finding code of the catalogue, or undefined. */
function codeProblem(catalogue: CheckCatalogue, code: string): string | undefined {
  if (!CODE.test(code)) return undefined; // the pattern's own message says it
  const [checkId, own] = code.split('.') as [string, string];
  const check = catalogue.find((c) => c.id === checkId);
  if (!check) return `"${checkId}" is not a check id (expected one of: ${catalogue.map((c) => c.id).join(', ')})`;
  const codes = Object.keys(check.codes);
  return codes.includes(own)
    ? undefined
    : `unknown finding code "${code}" (the codes of ${checkId}: ${codes.join(', ')}; see docs/finding-codes.md)`;
}

/** The fields of an acceptance, checked against the catalogue; `expires` and `target` differ by where it is written. */
function acceptanceShape(catalogue: CheckCatalogue) {
  const ids = catalogue.map((c) => c.id) as [string, ...string[]];
  return {
    check: z
      .enum(ids, { error: (issue) => `unknown check "${String(issue.input)}" (expected one of: ${ids.join(', ')})` })
      .optional()
      .describe('Id of the check whose findings are accepted.'),
    code: z
      .string()
      .regex(CODE, {
        message: 'expected "<check id>.<code>", lowercase words joined by dashes, such as "hsts.short-max-age"',
      })
      .superRefine(rule((code: string) => codeProblem(catalogue, code)))
      .optional()
      .describe('One kind of finding of a check: "<check id>.<code>" (docs/finding-codes.md).'),
    site: z.string().optional().describe('Only on this site (a name from "sites").'),
    reason: z
      .string()
      .regex(/\S/, { message: 'say why the finding is accepted' })
      .describe('Why it is accepted; shown in the report.'),
  };
}

const expires = z
  .string()
  .regex(DATE, { message: 'expected a date "YYYY-MM-DD"' })
  .superRefine(
    rule((date: string) => (DATE.test(date) && !isCalendarDate(date) ? `${date} is not a calendar date` : undefined)),
  )
  .describe('The last day the acceptance holds, "YYYY-MM-DD" (UTC).');

const namesSomething = [
  (a: { check?: string; code?: string }) => a.check !== undefined || a.code !== undefined,
  { message: 'name what is accepted: "check", "code" or both', ...evenWithInvalidFields },
] as const;

const built = new WeakMap<CheckCatalogue, ReturnType<typeof build>>();

function build(catalogue: CheckCatalogue) {
  const shape = acceptanceShape(catalogue);
  return {
    /** In sites.json: an exact target, and an expiry date: a known finding is accepted for a while, never for ever. */
    sitesFile: z
      .strictObject({
        ...shape,
        target: z.string().min(1).optional().describe('Only findings about this target (host, URL, cookie...).'),
        expires,
      })
      .refine(...namesSomething)
      .meta({ anyOf: [{ required: ['check'] }, { required: ['code'] }] })
      .describe('A known finding accepted until a date.'),
    /** In a team's own tests: a target may be a RegExp, and the expiry is optional. */
    library: z
      .strictObject({
        ...shape,
        target: z.union([z.string().min(1), z.instanceof(RegExp)]).optional(),
        expires: expires.optional(),
      })
      .refine(...namesSomething),
  };
}

/** The acceptance schemas for a catalogue of checks (built once per catalogue). */
export function acceptanceSchemas(catalogue: CheckCatalogue): ReturnType<typeof build> {
  let schemas = built.get(catalogue);
  if (!schemas) {
    schemas = build(catalogue);
    built.set(catalogue, schemas);
  }
  return schemas;
}
