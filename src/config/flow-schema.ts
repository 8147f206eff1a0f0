// `sites[].flows`: named login and checkout flows, each a list of browser steps or a script.
// Rules that need the whole site (flow names, `after`, goto hosts, script files) are in
// flow-rules.ts.
import { z } from 'zod';
import {
  evenWithInvalidFields,
  hostname,
  missingFieldMessage,
  name,
  pathOrUrl,
  sitePath,
  timeoutMs,
} from './fields.ts';

const selector = z
  .string()
  .min(1, { message: 'expected a Playwright selector such as "#submit" or "role=button[name=\'Sign in\']"' });

const waitCondition = z
  .strictObject({
    url: z.string().min(1).optional().describe('Wait until the page URL matches.'),
    selector: selector.optional().describe('Wait until this element is visible.'),
    text: z.string().min(1).optional().describe('Wait until this text is visible.'),
  })
  .refine((w) => [w.url, w.selector, w.text].filter((v) => v !== undefined).length === 1, {
    message: 'wait for exactly one of "url", "selector" and "text"',
    ...evenWithInvalidFields,
  })
  .meta({ oneOf: [{ required: ['url'] }, { required: ['selector'] }, { required: ['text'] }] });

const step = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject({ ...shape, timeoutMs: timeoutMs.optional() });

/** Each step kind: its action key first, the other keys it takes. */
const STEPS = {
  goto: step({
    goto: pathOrUrl.describe('A path on the site, or an https:// URL on a site host or an allowHosts entry.'),
  }),
  click: step({ click: selector }),
  fill: step({ fill: selector, value: z.string().describe('The text to type; "${VAR}" for a secret.') }),
  select: step({
    select: selector,
    value: z
      .union([z.string(), z.array(z.string()).min(1)])
      .describe('Option value or label, or a list of them for a multiple select.'),
  }),
  check: step({ check: selector }),
  uncheck: step({ uncheck: selector }),
  press: step({ press: selector, key: z.string().min(1).describe('A key such as "Enter" or "Control+A".') }),
  waitFor: step({ waitFor: waitCondition }),
};

type StepKind = keyof typeof STEPS;
const STEP_KINDS = Object.keys(STEPS) as StepKind[];

/** A step as written, tagged with its kind. */
export type ParsedStep = { [K in StepKind]: { kind: K } & z.output<(typeof STEPS)[K]> }[StepKind];

function isStepKind(key: string): key is StepKind {
  return Object.hasOwn(STEPS, key);
}

/** Why a step has no single action key, or undefined. */
function actionProblem(keys: string[], actions: StepKind[]): string | undefined {
  if (actions.length > 1) return `one action per step; this one has ${actions.length}: ${actions.join(', ')}`;
  if (actions.length === 1) return undefined;
  const unknown = keys.find((key) => key !== 'timeoutMs');
  return unknown === undefined
    ? `a step needs an action, one of: ${STEP_KINDS.join(', ')}`
    : `unknown step kind "${unknown}" (expected one of: ${STEP_KINDS.join(', ')})`;
}

const { $schema: _, ...stepsJsonSchema } = z.toJSONSchema(z.union(Object.values(STEPS)), {
  io: 'input',
  unrepresentable: 'any',
});

/**
 * A step is recognised by its one action key, then checked against its own kind only, so a
 * problem is named for that kind instead of zod's "no union member matched".
 */
export const flowStepSchema = z
  .unknown()
  .transform((raw, ctx): ParsedStep => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      ctx.addIssue({ code: 'custom', message: 'expected a step object such as { "click": "#submit" }', input: raw });
      return z.NEVER;
    }
    const keys = Object.keys(raw);
    const actions = keys.filter(isStepKind);
    const problem = actionProblem(keys, actions);
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: problem, input: raw });
      return z.NEVER;
    }
    const kind = actions[0]!;
    const parsed = STEPS[kind].safeParse(raw, { error: missingFieldMessage });
    if (parsed.success) return { kind, ...parsed.data } as ParsedStep;
    for (const issue of parsed.error.issues) {
      const message =
        issue.code === 'unrecognized_keys'
          ? `${issue.keys.map((k) => `"${k}"`).join(', ')} not allowed in a ${kind} step (it takes: ${Object.keys(STEPS[kind].shape).join(', ')})`
          : issue.message;
      ctx.addIssue({ code: 'custom', message, path: issue.path, input: raw });
    }
    return z.NEVER;
  })
  .meta({
    ...stepsJsonSchema,
    description: 'One browser step: exactly one action key, its extra keys, and an optional timeoutMs.',
  });

export const flowSchema = z
  .strictObject({
    name: name.describe('Unique within the site (at most 64 characters); used in test titles and reports.'),
    after: z
      .string()
      .min(1)
      .optional()
      .describe('Another flow of this site whose final browser state this flow starts from.'),
    steps: z.array(flowStepSchema).optional().describe('Browser steps, in order (exactly one of steps and script).'),
    script: z
      .string()
      .regex(/\.(ts|mts|js|mjs)$/, { message: 'a flow script must end in .ts, .mts, .js or .mjs' })
      .optional()
      .describe(
        'A script file (relative to the sites file) that drives the browser (exactly one of steps and script).',
      ),
    visit: z
      .array(sitePath)
      .default([])
      .describe("Paths on the main host checked while in this flow's state (signed in)."),
    allowHosts: z
      .array(hostname)
      .default([])
      .describe(
        "Host names besides the site's hosts where the flow may go and type secrets, e.g. an identity provider.",
      ),
    secrets: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'expected an alias of letters, digits and "_"' }),
        z.string().min(1),
      )
      .optional()
      .describe('For a script only: alias -> value the script may type through the guarded API, normally "${VAR}".'),
  })
  .refine((f) => (f.steps === undefined) !== (f.script === undefined), {
    message: 'give exactly one of "steps" and "script"',
    ...evenWithInvalidFields,
  })
  .refine((f) => f.secrets === undefined || f.steps === undefined, {
    message: '"secrets" is only for a script: steps write "${VAR}" directly in "value"',
    path: ['secrets'],
    ...evenWithInvalidFields,
  })
  .meta({ oneOf: [{ required: ['steps'] }, { required: ['script'] }] })
  .describe('A login, checkout or other flow run in the browser before its pages are checked.');
