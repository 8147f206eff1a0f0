// cookie-httponly: session and authentication cookies are HttpOnly, so a script (or an
// XSS payload) cannot read them. Other cookies without HttpOnly are only worth a low note.
import { cookieTarget, describeCookie, judgeCookies } from './cookie-records.ts';
import type { Check } from '../model/check.ts';

const CODES = { 'missing-httponly': 'a cookie without HttpOnly (high for session cookies, low for others)' };

export const cookieHttpOnly: Check<'pages' | 'apis'> = {
  id: 'cookie-httponly',
  title: 'Session cookies are HttpOnly',
  remediation:
    'Set session and authentication cookies from the server with HttpOnly (Set-Cookie: name=value; HttpOnly; Secure; SameSite=Lax). A cookie set by JavaScript can never be HttpOnly. Which names count as session cookies is configured per site in cookies.sessionNames.',
  codes: CODES,
  needs: ['pages', 'apis'],
  run: (site, evidence) =>
    judgeCookies<keyof typeof CODES>(site, evidence, (c, out) => {
      if (c.httpOnly) return;
      const why =
        c.via === 'script' ? 'document.cookie cannot set HttpOnly, so any script can read it' : 'scripts can read it';
      out.add(
        'missing-httponly',
        c.sensitive ? 'high' : 'low',
        cookieTarget(c),
        `${describeCookie(c)} without HttpOnly: ${why}`,
      );
    }),
};
