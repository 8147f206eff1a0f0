// `accept`: known findings accepted for a while. Only their form is checked here; applying
// them (which findings they match, what an expired one does) belongs to the report.
import { z } from 'zod';
import { CHECKS } from '../checks/index.ts';
import { evenWithInvalidFields, rule } from './fields.ts';

const CHECK_IDS = CHECKS.map((c) => c.id) as [string, ...string[]];
const KNOWN_CHECKS = `expected one of: ${CHECK_IDS.join(', ')}`;
const CODE = /^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 2026-02-30 has the form of a date but is none: Date rolls it over into March. */
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export const acceptanceSchema = z
  .strictObject({
    check: z
      .enum(CHECK_IDS, { error: (issue) => `unknown check "${String(issue.input)}" (${KNOWN_CHECKS})` })
      .optional()
      .describe('Id of the check whose findings are accepted.'),
    code: z
      .string()
      .regex(CODE, {
        message: 'expected "<check id>.<code>", lowercase words joined by dashes, such as "hsts.short-max-age"',
      })
      .superRefine(
        rule((code) => {
          const check = code.split('.')[0]!;
          return CODE.test(code) && !CHECK_IDS.includes(check)
            ? `"${check}" is not a check id (${KNOWN_CHECKS})`
            : undefined;
        }),
      )
      .optional()
      .describe('One kind of finding of a check: "<check id>.<code>".'),
    site: z.string().optional().describe('Only on this site (a name from "sites").'),
    target: z.string().min(1).optional().describe('Only findings about this target (host, URL, cookie...).'),
    reason: z
      .string()
      .regex(/\S/, { message: 'say why the finding is accepted' })
      .describe('Why it is accepted; shown in the report.'),
    expires: z
      .string()
      .regex(DATE, { message: 'expected a date "YYYY-MM-DD"' })
      .superRefine(
        rule((date) => (DATE.test(date) && !isCalendarDate(date) ? `${date} is not a calendar date` : undefined)),
      )
      .describe('The last day the acceptance holds, "YYYY-MM-DD".'),
  })
  .refine((a) => a.check !== undefined || a.code !== undefined, {
    message: 'name what is accepted: "check", "code" or both',
    ...evenWithInvalidFields,
  })
  .meta({ anyOf: [{ required: ['check'] }, { required: ['code'] }] })
  .describe('A known finding accepted until a date.');
