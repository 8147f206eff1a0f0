// cookie-samesite: the attributes that scope a cookie. SameSite is set explicitly to a valid
// value, SameSite=None comes with Secure, the __Secure- and __Host- prefixes keep their
// promises (browsers reject the cookie otherwise), and a subdomain does not widen a cookie
// to its parent domain.
import { cookieTarget, describeCookie, judgeCookies, type JudgedCookie } from './cookie-records.ts';
import type { Check } from '../model/check.ts';
import type { Outcome } from './outcome.ts';
import { hostOf } from '../model/url.ts';

const CODES = {
  'missing-samesite': 'no SameSite attribute (medium for session cookies, low for others)',
  'invalid-samesite': 'a SameSite value browsers do not know',
  'none-without-secure': 'SameSite=None without Secure: browsers reject the cookie',
  'secure-prefix': 'a __Secure- cookie without Secure',
  'host-prefix': 'a __Host- cookie without Secure, with a Path other than / or with a Domain',
  'domain-widened': 'a subdomain scopes the cookie to its parent domain',
};
type Code = keyof typeof CODES;

function judgeSameSite(c: JudgedCookie, out: Outcome<Code>): void {
  const target = cookieTarget(c);
  if (c.sameSite === undefined) {
    const problem = c.sameSiteInvalid
      ? 'has an invalid SameSite value'
      : c.via === 'script'
        ? 'has no valid SameSite attribute'
        : 'has no SameSite attribute';
    out.add(
      c.sameSiteInvalid ? 'invalid-samesite' : 'missing-samesite',
      c.sensitive ? 'medium' : 'low',
      target,
      `${describeCookie(c)} ${problem}: browsers fall back to their own default (Lax in Chromium, none in others)`,
    );
  } else if (c.sameSite === 'none' && !c.secure) {
    out.add(
      'none-without-secure',
      'high',
      target,
      `${describeCookie(c)} sets SameSite=None without Secure: browsers reject the cookie`,
    );
  }
}

function judgePrefix(c: JudgedCookie, out: Outcome<Code>): void {
  const target = cookieTarget(c);
  const name = c.name.toLowerCase();
  if (name.startsWith('__secure-') && !c.secure)
    out.add('secure-prefix', 'high', target, 'the __Secure- prefix requires Secure: browsers reject the cookie');
  if (!name.startsWith('__host-')) return;
  if (!c.secure)
    out.add('host-prefix', 'high', target, 'the __Host- prefix requires Secure: browsers reject the cookie');
  if (c.path !== '/')
    out.add(
      'host-prefix',
      'high',
      target,
      `the __Host- prefix requires Path=/ (got Path=${c.path}): browsers reject the cookie`,
    );
  if (c.domain !== undefined)
    out.add(
      'host-prefix',
      'high',
      target,
      `the __Host- prefix forbids Domain (got Domain=${c.domain}): browsers reject the cookie`,
    );
}

function judgeDomain(c: JudgedCookie, out: Outcome<Code>): void {
  const host = hostOf(c.setBy);
  if (c.domain && host !== c.domain && host.endsWith(`.${c.domain}`)) {
    out.add(
      'domain-widened',
      'low',
      cookieTarget(c),
      `Domain=${c.domain} set from ${host} shares the cookie with the parent domain and all of its subdomains`,
    );
  }
}

export const cookieSameSite: Check<'pages' | 'apis'> = {
  id: 'cookie-samesite',
  title: 'Cookies set SameSite explicitly, honour their prefixes and stay in scope',
  remediation:
    'Send SameSite=Lax or SameSite=Strict on every cookie (SameSite=None only together with Secure, for cookies that must work cross-site). Give __Secure- cookies Secure, and __Host- cookies Secure, Path=/ and no Domain. Leave out Domain unless the cookie must reach sibling subdomains.',
  codes: CODES,
  needs: ['pages', 'apis'],
  run: (site, evidence) =>
    judgeCookies<Code>(site, evidence, (c, out) => {
      judgeSameSite(c, out);
      judgePrefix(c, out);
      judgeDomain(c, out);
    }),
};
