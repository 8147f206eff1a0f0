// The `expect` matchers: each runs the scan's own checks on what the `security` fixture
// recorded (pages) or collected from Node (a host), and reports as the scan does.
import type { BrowserContext, ExpectMatcherState, MatcherReturnType, Page } from '@playwright/test';
import type { TransportEvidence } from '../model/evidence.ts';
import { CHECKS } from '../checks/index.ts';
import { mixedContent } from '../checks/mixed-content.ts';
import { cookieSecure } from '../checks/cookie-secure.ts';
import { cookieHttpOnly } from '../checks/cookie-httponly.ts';
import { cookieSameSite } from '../checks/cookie-samesite.ts';
import type { Check } from '../model/check.ts';
import { NO_APIS } from '../model/apis.ts';
import { judgeSettings, type JudgeSettings, type MatcherOptions } from './options.ts';
import { sessionOf, type SecurityHost, type SecuritySession } from './session.ts';
import { judge, verdictSummary, type Verdict } from './verdict.ts';

/** Every check that judges what the browser saw. */
const PAGE_CHECKS = CHECKS.filter((c): c is Check<'transport' | 'pages' | 'apis'> => c.needs.includes('pages'));
/** The certificate and TLS checks: handshakes made from Node. */
const TLS_CHECKS = CHECKS.filter((c): c is Check<'tls'> => c.needs.every((kind) => kind === 'tls'));
const COOKIE_CHECKS = [cookieSecure, cookieHttpOnly, cookieSameSite];

/** A test probes nothing from Node for its pages: hsts and no-downgrade judge what the browser saw. */
const NO_PROBES: TransportEvidence = { hosts: [] };

function report(
  state: ExpectMatcherState,
  name: string,
  subject: string,
  verdict: Verdict,
  settings: JudgeSettings,
  session: SecuritySession,
): MatcherReturnType {
  for (const a of verdict.annotations) session.annotate(a.type, a.description);
  const header = `${name}: ${verdictSummary(verdict, settings.failOn)} (${subject})`;
  return {
    name,
    // Under .not only a real finding counts: a page that could not be measured proves nothing.
    pass: state.isNot ? verdict.failing === 0 : verdict.pass,
    message: () =>
      session.redact(
        state.isNot
          ? `${header}: expected a finding at ${settings.failOn} or above`
          : [header, ...verdict.lines].join('\n'),
      ),
  };
}

async function judgePages(
  state: ExpectMatcherState,
  name: string,
  subject: Page | BrowserContext,
  checks: readonly Check<'transport' | 'pages' | 'apis'>[],
  options: MatcherOptions | undefined,
): Promise<MatcherReturnType> {
  const session = sessionOf(subject);
  const settings = judgeSettings(session.settings, options);
  const { site, pages, subject: named } = await session.pagesEvidence(subject);
  for (const visit of pages.visits) for (const note of visit.notes) session.annotate('security note', note);
  const verdict = judge(checks, site, { pages, transport: NO_PROBES, apis: NO_APIS }, settings);
  return report(state, name, named, verdict, settings, session);
}

export const securityMatchers = {
  /** Nothing the page or any of its frames loaded during the test went over http or ws (mixed-content). */
  toHaveNoMixedContent(this: ExpectMatcherState, page: Page, options?: MatcherOptions) {
    return judgePages(this, 'toHaveNoMixedContent', page, [mixedContent], options);
  },

  /** Every cookie set during the test is Secure, session cookies HttpOnly, SameSite explicit and valid (cookie-secure, cookie-httponly, cookie-samesite). */
  toHaveSecureCookies(this: ExpectMatcherState, subject: Page | BrowserContext, options?: MatcherOptions) {
    return judgePages(this, 'toHaveSecureCookies', subject, COOKIE_CHECKS, options);
  },

  /** Every page check at once: mixed content, forms, cookies, HSTS on the pages' documents, no downgrade to http. */
  toBeSecurePage(this: ExpectMatcherState, page: Page, options?: MatcherOptions) {
    return judgePages(this, 'toBeSecurePage', page, PAGE_CHECKS, options);
  },

  /** The host's certificate (trust, validity, names, strength) and TLS settings (protocols, ciphers), from Node. */
  async toPassTlsChecks(this: ExpectMatcherState, target: SecurityHost, options?: MatcherOptions) {
    if (!target?.session)
      throw new Error(
        'toPassTlsChecks() judges a host of the security fixture: expect(security.host("shop.example.com")).toPassTlsChecks()',
      );
    const settings = judgeSettings(target.session.settings, options);
    const { site, tls } = await target.session.hostEvidence(target.host);
    return report(
      this,
      'toPassTlsChecks',
      target.host,
      judge(TLS_CHECKS, site, { tls }, settings),
      settings,
      target.session,
    );
  },
};
