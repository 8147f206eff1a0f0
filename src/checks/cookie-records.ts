// The cookies a site set during its visits, one record per cookie, shared by the three
// cookie checks. Attributes come from the raw Set-Cookie headers (parsed by tough-cookie)
// for cookies a server sent, and from the browser jar for cookies set by scripts. Deletions
// and the cookies the site lists as known are left out.
import { Cookie } from 'tough-cookie';
import type { Site } from '../model/site.ts';
import type { PagesEvidence, PageVisit } from '../model/evidence.ts';
import { visitsToJudge } from './visits-to-judge.ts';
import { Outcome } from './outcome.ts';
import type { CheckOutcome } from '../model/findings.ts';
import { hostOf } from '../model/url.ts';
import { bypassed, originPrefix, pageUrl } from './where.ts';

/** Where a cookie was set, beyond the URL that set it: the flow step, and a certificate bypassed. */
const during = (visit: PageVisit): Pick<CookieRecord, 'during' | 'certificateBypassed'> => {
  const prefix = originPrefix(visit);
  return {
    ...(prefix ? { during: prefix.replace(/ › $/, '') } : {}),
    ...(visit.certificateBypassed ? { certificateBypassed: visit.certificateBypassed } : {}),
  };
};

export interface CookieRecord {
  name: string;
  /** The response URL that sent it, or the page whose script set it. */
  setBy: string;
  via: 'header' | 'script';
  secure: boolean;
  httpOnly: boolean;
  /** 'strict' | 'lax' | 'none', undefined when missing or invalid. */
  sameSite?: string;
  /** A SameSite attribute was sent but its value is not valid (headers only). */
  sameSiteInvalid: boolean;
  /** The Domain attribute (no leading dot), undefined for a host-only cookie. */
  domain?: string;
  path: string;
  /** Set in answer to a flow's login form submission: a session cookie, whatever its name. */
  login: boolean;
  /** The flow step it was set during, e.g. "login › step 4 click #submit"; absent on listed pages. */
  during?: string;
  /** Set on a page seen past a refused certificate: the browser's error (see PageVisit.certificateBypassed). */
  certificateBypassed?: string;
}

/** CSRF tokens are meant to be read by scripts (double-submit): never session cookies. */
const CSRF = /csrf|xsrf/i;

export const cookieTarget = (c: CookieRecord): string => `${c.name} (${c.setBy})`;

export function isSensitive(site: Site, name: string): boolean {
  return !CSRF.test(name) && site.cookies.sessionNames.some((source) => new RegExp(source, 'i').test(name));
}

export const effectiveDomain = (c: CookieRecord): string => c.domain ?? hostOf(c.setBy);

const domainMatches = (cookieDomain: string, listed: string): boolean =>
  cookieDomain === listed || cookieDomain.endsWith(`.${listed}`);

/** Every cookie the visits set, each once (named after its first setter); deletions left out. */
export function cookieRecords(pages: PagesEvidence): CookieRecord[] {
  const records: CookieRecord[] = [];
  const seen = new Map<string, CookieRecord>();
  const add = (record: CookieRecord) => {
    const { setBy: _setBy, login: _login, during: _during, certificateBypassed: _bypassed, ...attributes } = record;
    const key = JSON.stringify({ ...attributes, domain: effectiveDomain(record) });
    const first = seen.get(key);
    if (first) {
      first.login ||= record.login;
      return;
    }
    seen.set(key, record);
    records.push(record);
  };

  const fromHeaders = new Set<string>();
  for (const visit of pages.visits) {
    for (const response of visit.responses) {
      for (const [name, value] of response.headers) {
        if (name !== 'set-cookie') continue;
        const cookie = Cookie.parse(value);
        if (!cookie || (cookie.expiryTime() ?? Infinity) <= Date.now()) continue; // unparseable (the browser drops it too) or a deletion
        fromHeaders.add(`${cookie.key}\t${cookie.domain ?? hostOf(response.url)}`);
        add({
          name: cookie.key,
          setBy: response.url,
          via: 'header',
          secure: cookie.secure,
          httpOnly: cookie.httpOnly,
          sameSite: cookie.sameSite,
          sameSiteInvalid: cookie.sameSite === undefined && /;\s*samesite\s*=/i.test(value),
          domain: cookie.domain ?? undefined,
          path: cookie.path ?? '/',
          login: response.login === true,
          ...during(visit),
        });
      }
    }
  }
  // What the jar gained that no header explains was set by a script on the page.
  for (const visit of pages.visits) {
    for (const c of visit.cookies) {
      const domain = c.domain.replace(/^\./, '');
      if (fromHeaders.has(`${c.name}\t${domain}`)) continue;
      add({
        name: c.name,
        setBy: pageUrl(visit),
        via: 'script',
        secure: c.secure,
        httpOnly: c.httpOnly,
        sameSite: c.sameSite?.toLowerCase(),
        sameSiteInvalid: false,
        domain: c.domain.startsWith('.') ? domain : undefined,
        path: c.path,
        login: false,
        ...during(visit),
      });
    }
  }
  return records;
}

export interface JudgedCookie extends CookieRecord {
  /** A session or authentication cookie: by the site's name patterns, or set in answer to a login. */
  sensitive: boolean;
}

/** The common walk of the cookie checks: each cookie judged once, unloaded pages and ignored cookies reported. */
export function judgeCookies<C extends string>(
  site: Site,
  pages: PagesEvidence,
  judge: (cookie: JudgedCookie, out: Outcome<C>) => void,
): CheckOutcome {
  const out = new Outcome<C>();
  visitsToJudge(pages, out);
  const cookies = cookieRecords(pages).filter((c) => {
    const rule = site.cookies.ignore.find(
      (i) => i.name === c.name && (!i.domain || domainMatches(effectiveDomain(c), i.domain)),
    );
    if (rule) out.note(`cookie ${cookieTarget(c)} is not judged: ${rule.reason}`);
    return !rule;
  });
  for (const cookie of cookies) {
    out.judged(cookieTarget(cookie));
    judge({ ...cookie, sensitive: cookie.login || isSensitive(site, cookie.name) }, out);
  }
  // The judged targets are cookies: a site that sets none has nothing to judge ("skipped", not "passed").
  return out.done(`the ${pages.visits.length} visited page(s) set no cookie to judge`);
}

export const describeCookie = (c: JudgedCookie): string =>
  `${c.login ? 'session cookie set by the login' : c.sensitive ? 'session or authentication cookie' : 'cookie'}${c.via === 'script' ? ' set by a script on the page' : ''}${c.during ? ` (during ${c.during})` : ''}${bypassed(c)}`;
