// Every check, in report order. Adding a check: write src/checks/<id>.ts and list it here.
import type { Check } from './types.ts';
import { httpsPort443 } from './https-port-443.ts';
import { httpRedirect } from './http-redirect.ts';
import { noDowngrade } from './no-downgrade.ts';
import { hsts } from './hsts.ts';
import { mixedContent } from './mixed-content.ts';
import { secureForms } from './secure-forms.ts';
import { cookieSecure } from './cookie-secure.ts';
import { cookieHttpOnly } from './cookie-httponly.ts';
import { cookieSameSite } from './cookie-samesite.ts';

export const CHECKS: readonly Check[] = [httpsPort443, httpRedirect, noDowngrade, hsts, mixedContent, secureForms, cookieSecure, cookieHttpOnly, cookieSameSite];
