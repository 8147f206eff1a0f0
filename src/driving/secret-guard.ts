// A secret (any value substituted from ${VAR}) is typed only into a field of an https page on
// one of the site's hosts (or the flow's allowHosts), in a form that submits to https. The
// field is inspected in the page itself, so relative actions, <base href>, formaction and
// form= owners resolve exactly as the browser would submit them.
import { hostOf } from '../model/url.ts';
import type { RefusedSecret } from '../model/evidence.ts';

/** The facts about a field that decide whether a secret may be typed into it. */
interface FieldFacts {
  /** The URL of the document holding the field (a frame's own URL inside an iframe). */
  documentUrl: string;
  type: string;
  autocomplete: string;
  /** Where its form submits (resolved), or null for a field outside any form. */
  action: string | null;
  /** Resolved formaction of every submit button of its form that sets one. */
  formActions: string[];
}

/** Anything with evaluate: a Locator or an ElementHandle. */
interface Evaluable {
  evaluate<R>(fn: (el: Element) => R, arg?: undefined, options?: { timeout?: number }): Promise<R>;
}

function readFieldFacts(field: Evaluable, timeoutMs: number): Promise<FieldFacts> {
  return field.evaluate(
    (el) => {
      const input = el as HTMLInputElement;
      const form = input.form ?? null;
      const submitters = form ? [...form.elements].filter((e) => e.hasAttribute('formaction')) : [];
      return {
        documentUrl: el.ownerDocument.location.href,
        type: (input.type ?? '').toLowerCase(),
        autocomplete: (el.getAttribute('autocomplete') ?? '').toLowerCase(),
        action: form ? form.action : null,
        formActions: submitters.map((b) => (b as HTMLButtonElement).formAction),
      };
    },
    undefined,
    { timeout: timeoutMs },
  );
}

/** What the field holds, for the report: never the value itself. */
function fieldKind(facts: Pick<FieldFacts, 'type' | 'autocomplete'>): string {
  if (facts.type === 'password' || /\b(current|new)-password\b/.test(facts.autocomplete)) return 'password';
  if (/\bcc-(number|csc|exp)/.test(facts.autocomplete)) return 'card number';
  return 'secret value';
}

/** True for fields whose submission is a login: what the server sets in answer are session cookies. */
const isPasswordField = (facts: Pick<FieldFacts, 'type' | 'autocomplete'>): boolean => fieldKind(facts) === 'password';

/** Why the secret must not be typed here, or undefined when it may. */
function refusal(facts: FieldFacts, allowedHosts: ReadonlySet<string>): string | undefined {
  if (!facts.documentUrl.startsWith('https://')) return `the page is not https (${facts.documentUrl})`;
  const host = hostOf(facts.documentUrl);
  if (!allowedHosts.has(host)) return `${host} is not one of the site's hosts nor in the flow's allowHosts`;
  for (const target of [facts.action, ...facts.formActions]) {
    if (target !== null && !target.startsWith('https://')) return `its form submits to ${target}`;
  }
  return undefined;
}

/**
 * The guard as steps and scripts apply it: the field is inspected in its page, then either
 * refused (what it is and where, never the value) or cleared, saying whether it takes a password.
 */
export async function inspectSecretField(
  field: Evaluable,
  timeoutMs: number,
  allowedHosts: ReadonlySet<string>,
): Promise<{ refused: Omit<RefusedSecret, 'step'> } | { password: boolean }> {
  const facts = await readFieldFacts(field, timeoutMs);
  const why = refusal(facts, allowedHosts);
  return why
    ? { refused: { field: fieldKind(facts), pageUrl: facts.documentUrl, why } }
    : { password: isPasswordField(facts) };
}
