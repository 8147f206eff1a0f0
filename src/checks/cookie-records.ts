// The cookies a site set during its visits, one record per cookie, shared by the three
// cookie checks. Attributes come from the raw Set-Cookie headers (parsed by tough-cookie)
// for cookies a server sent, and from the browser jar for cookies set by scripts. Deletions
// and the cookies the site lists as known are left out.
import { Cookie } from 'tough-cookie';
import type { Site } from '../model/site.ts';
import { DEFAULT_SESSION_COOKIE_NAMES } from '../model/defaults.ts';
import type { ApisEvidence, PagesEvidence, PageVisit } from '../model/evidence.ts';
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

export const cookieTarget = (c: CookieRecord): string => `${c.name} (${c.setBy})`;

/**
 * Cookies that are not credentials by design, whatever their names suggest: their names alone
 * never make them session cookies ("lb-session-affinity" contains "sess"). A cookie set in
 * answer to a login still is one, whatever its name.
 */
export const NOT_CREDENTIALS: readonly { pattern: RegExp; what: string }[] = [
  // Double-submit CSRF tokens: a script reads the cookie to send it back in a header.
  { pattern: /csrf|xsrf|antiforgery/i, what: 'a CSRF token, which scripts must read' },
  { pattern: /consent|cookielawinfo/i, what: 'a cookie-consent record' },
  // Stickiness cookies of load balancers and proxies: which backend answers, not who the user is.
  {
    pattern:
      /affinity|sticky|stickiness|^route(id)?$|^awsalb|^awselb|^bigipserver|^serverid$|^gclb$|^ingresscookie$|^nsc_/i,
    what: "a load balancer's affinity or routing cookie",
  },
];

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Why a cookie is a session or authentication cookie (the rules that made it one), or why its
 * name is not taken for one; empty for an ordinary cookie.
 */
export function sessionRules(
  site: Site,
  cookie: Pick<CookieRecord, 'name' | 'login'>,
): { sensitive: boolean; why: string[] } {
  const byLogin = cookie.login ? ['set in answer to the login'] : [];
  const pattern = site.cookies.sessionNames.find((source) => new RegExp(source, 'i').test(cookie.name));
  if (pattern === undefined) return { sensitive: byLogin.length > 0, why: byLogin };
  const notCredential = NOT_CREDENTIALS.find((n) => n.pattern.test(cookie.name));
  if (notCredential)
    return byLogin.length > 0
      ? { sensitive: true, why: byLogin }
      : { sensitive: false, why: [`by its name ${notCredential.what}, not a credential, so not a session cookie`] };
  const list = sameList(site.cookies.sessionNames, DEFAULT_SESSION_COOKIE_NAMES)
    ? 'the default session names'
    : 'cookies.sessionNames';
  return { sensitive: true, why: [...byLogin, `its name matches /${pattern}/ of ${list}`] };
}

export const effectiveDomain = (c: CookieRecord): string => c.domain ?? hostOf(c.setBy);

const domainMatches = (cookieDomain: string, listed: string): boolean =>
  cookieDomain === listed || cookieDomain.endsWith(`.${listed}`);

/** Every cookie the visits (and the site's API answers) set, each once (named after its first setter); deletions left out. */
export function cookieRecords(pages: PagesEvidence, apis?: ApisEvidence): CookieRecord[] {
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
  const fromHeader = (
    value: string,
    url: string,
    login: boolean,
    where: Pick<CookieRecord, 'during' | 'certificateBypassed'>,
  ) => {
    const cookie = Cookie.parse(value);
    if (!cookie || (cookie.expiryTime() ?? Infinity) <= Date.now()) return; // unparseable (the browser drops it too) or a deletion
    fromHeaders.add(`${cookie.key}\t${cookie.domain ?? hostOf(url)}`);
    add({
      name: cookie.key,
      setBy: url,
      via: 'header',
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      sameSite: cookie.sameSite,
      sameSiteInvalid: cookie.sameSite === undefined && /;\s*samesite\s*=/i.test(value),
      domain: cookie.domain ?? undefined,
      path: cookie.path ?? '/',
      login,
      ...where,
    });
  };
  for (const visit of pages.visits) {
    for (const response of visit.responses) {
      for (const [name, value] of response.headers) {
        if (name === 'set-cookie') fromHeader(value, response.url, response.login === true, during(visit));
      }
    }
  }
  // An API's answers (over https, and its http:// twin's) set cookies as a page's responses do.
  for (const api of apis?.apis ?? []) {
    for (const call of api.calls) {
      for (const answer of [call.https, call.twin]) {
        for (const [name, value] of answer?.headers ?? [])
          if (name === 'set-cookie') fromHeader(value, answer!.url, false, { during: `API ${api.name}` });
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
  /** A session or authentication cookie: set in answer to a login, or by the site's name patterns. */
  sensitive: boolean;
  /** The rules that made it one (or why its name did not), for the finding's words. */
  why: string[];
}

/** The common walk of the cookie checks: each cookie judged once, unloaded pages and ignored cookies reported. */
export function judgeCookies<C extends string>(
  site: Site,
  { pages, apis }: { pages: PagesEvidence; apis?: ApisEvidence },
  judge: (cookie: JudgedCookie, out: Outcome<C>) => void,
): CheckOutcome {
  const out = new Outcome<C>();
  visitsToJudge(pages, out);
  const cookies = cookieRecords(pages, apis).filter((c) => {
    const rule = site.cookies.ignore.find(
      (i) => i.name === c.name && (!i.domain || domainMatches(effectiveDomain(c), i.domain)),
    );
    if (rule) out.note(`cookie ${cookieTarget(c)} is not judged: ${rule.reason}`);
    return !rule;
  });
  for (const cookie of cookies) {
    out.judged(cookieTarget(cookie));
    judge({ ...cookie, ...sessionRules(site, cookie) }, out);
  }
  // The judged targets are cookies: a site that sets none has nothing to judge ("skipped", not "passed").
  const answers = apis?.apis.reduce((n, api) => n + api.calls.length, 0) ?? 0;
  return out.done(
    `the ${pages.visits.length} visited page(s)${answers > 0 ? ` and ${answers} API request(s)` : ''} set no cookie to judge`,
  );
}

/** "session cookie set by a script on the page (its name matches /sess/ of the default session names; during login › step 2 ...)". */
export function describeCookie(c: JudgedCookie): string {
  const notes = [...c.why, ...(c.during ? [`during ${c.during}`] : [])];
  return `${c.sensitive ? 'session cookie' : 'cookie'}${c.via === 'script' ? ' set by a script on the page' : ''}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}${bypassed(c)}`;
}
