// cookie-secure: every cookie the site sets carries Secure, so the browser never sends it
// over plain http (where anyone on the network can read or overwrite it).
import { cookieTarget, describeCookie, judgeCookies } from './cookie-records.ts';
import type { Check } from '../model/check.ts';

const CODES = { 'missing-secure': 'a cookie without Secure' };

export const cookieSecure: Check<'pages' | 'apis'> = {
  id: 'cookie-secure',
  title: 'Cookies carry the Secure attribute',
  remediation:
    'Add the Secure attribute to every cookie (Set-Cookie: name=value; Secure; ...), including cookies set from JavaScript.',
  codes: CODES,
  needs: ['pages', 'apis'],
  run: (site, evidence) =>
    judgeCookies<keyof typeof CODES>(site, evidence, (c, out) => {
      if (!c.secure) {
        out.add(
          'missing-secure',
          c.sensitive ? 'high' : 'medium',
          cookieTarget(c),
          `${describeCookie(c)} without the Secure attribute: the browser also sends it over plain http`,
        );
      }
    }),
};
