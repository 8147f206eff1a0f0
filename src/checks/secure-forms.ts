// secure-forms: a form that takes a password, a payment card or a login is on an https page
// and submits (action and every formaction) to https. A password or card field on a plain
// http page is critical: the page itself can be rewritten to send it anywhere.
import type { FormSnapshot } from '../model/evidence.ts';
import { visitsToJudge } from './visits-to-judge.ts';
import { firstSighting, seenAt, upgradedByPolicy, upgradedNote } from './where.ts';
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';

const CARD_AUTOCOMPLETE = /\bcc-(number|csc)\b/;
const CARD_NAME = /card.?(number|num|no)\b|cc.?(number|num)\b|credit.?card|\bcvv\b|\bcvc\b|\bcsc\b/i;
const LOGIN_LABEL = /log.?in|sign.?in|auth/i;

export type Sensitivity = 'password field' | 'card field' | 'login form';

/** What makes a form sensitive, the strongest reason first; undefined for an ordinary form. */
export function sensitivity(form: FormSnapshot): Sensitivity | undefined {
  const { fields } = form;
  if (fields.some((f) => f.type === 'password' || /\b(current|new)-password\b/.test(f.autocomplete)))
    return 'password field';
  if (fields.some((f) => CARD_AUTOCOMPLETE.test(f.autocomplete) || CARD_NAME.test(`${f.name} ${f.id}`)))
    return 'card field';
  if (LOGIN_LABEL.test(form.label) || fields.some((f) => /\busername\b/.test(f.autocomplete))) return 'login form';
  return undefined;
}

const CODES = {
  'form-on-http': 'a password, card or login form on a plain http page',
  'submits-to-http': 'a password, card or login form submits to http',
  'secret-refused': "a flow stopped before typing a secret into a page or form that is not https on the site's hosts",
};

const describeForm = (form: FormSnapshot): string =>
  form.action === undefined ? 'outside any form' : form.label ? `in form "${form.label}"` : 'in a form';

export const secureForms: Check<'pages'> = {
  id: 'secure-forms',
  title: 'Password, card and login forms are on https and submit to https',
  remediation:
    'Serve every page with a login, password or payment form over https only, and make its action and every formaction an https:// (or relative) URL.',
  codes: CODES,
  needs: ['pages'],
  run(_site, { pages }) {
    const out = new Outcome<keyof typeof CODES>();
    const firstSeen = firstSighting();
    for (const visit of visitsToJudge(pages, out)) {
      for (const form of visit.forms) {
        const what = sensitivity(form);
        if (!what) continue;
        const described = `${what} ${describeForm(form)}`;
        out.judged(`${described} on ${form.frameUrl}`);
        if (!firstSeen(visit, `${form.frameUrl}\n${described}`)) continue;
        if (form.frameUrl.startsWith('http://')) {
          out.add(
            'form-on-http',
            what === 'login form' ? 'high' : 'critical',
            form.frameUrl,
            `${described} on a plain http page: anyone on the network can read or change it${seenAt(visit)}`,
          );
          continue;
        }
        const insecure = [form.action, ...form.formActions].filter((t) => t?.startsWith('http://'));
        // The browser submits it over https (measured on Chromium 156, to another host too).
        if (insecure.length > 0 && upgradedByPolicy(visit, form.frameUrl)) {
          out.note(upgradedNote(form.frameUrl, insecure.length, `form target(s) of the ${described}`));
          continue;
        }
        for (const target of insecure) {
          if (target)
            out.add(
              'submits-to-http',
              'high',
              form.frameUrl,
              `${described} submits to ${target} over plain http${seenAt(visit)}`,
            );
        }
      }
    }
    for (const flow of pages.flows) {
      const r = flow.refusedSecret;
      if (!r) continue;
      out.judged(`${flow.name} › ${r.step}`);
      out.add(
        'secret-refused',
        'critical',
        r.pageUrl,
        `the ${r.field} would have been typed into ${r.pageUrl} (${flow.name} › ${r.step}): ${r.why}; the flow stopped before typing it`,
      );
    }
    // The judged targets are sensitive forms: none on any page means nothing to judge.
    return out.done('no password, card or login form on the visited pages');
  },
};
