import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusOf } from '../../src/model/findings.ts';
import { cookieSecure } from '../../src/checks/cookie-secure.ts';
import { cookieHttpOnly } from '../../src/checks/cookie-httponly.ts';
import { cookieSameSite } from '../../src/checks/cookie-samesite.ts';
import { cookieRecords } from '../../src/checks/cookie-records.ts';
import type { Check } from '../../src/model/check.ts';
import type { JarCookie, PageVisit } from '../../src/model/evidence.ts';
import { pages, response, site, visit, unloaded } from './evidence-builders.ts';
import { NO_APIS } from '../../src/model/apis.ts';

const PAGE = 'https://example.test/';
const S = site();

/** A visit whose document response sends these Set-Cookie headers. */
const setting = (headers: string[], url = PAGE, over: Partial<PageVisit> = {}) =>
  visit(PAGE, {
    responses: [
      response(PAGE),
      response(url, {
        resourceType: 'image',
        isNavigation: false,
        headers: headers.map((h): [string, string] => ['set-cookie', h]),
      }),
    ],
    ...over,
  });
const jar = (name: string, over: Partial<JarCookie> = {}): JarCookie => ({
  name,
  domain: 'example.test',
  path: '/',
  secure: true,
  httpOnly: false,
  session: true,
  sameSite: 'Lax',
  ...over,
});
const findings = (check: Check<'pages' | 'apis'>, ...visits: PageVisit[]) =>
  check
    .run(S, { pages: pages(...visits), apis: NO_APIS })
    .findings.map((f): [string, string, string] => [f.severity, f.target, f.message]);

const GOOD = 'session=x; Path=/; Secure; HttpOnly; SameSite=Lax';

test('a cookie with every attribute right passes all three checks', () => {
  for (const check of [cookieSecure, cookieHttpOnly, cookieSameSite])
    assert.deepEqual(
      findings(check, setting([GOOD, '__Host-id=1; Path=/; Secure; HttpOnly; SameSite=Strict'])),
      [],
      check.id,
    );
});

test('no cookies at all: not applicable (skipped), not passed', () => {
  const out = cookieSecure.run(S, { pages: pages(visit(PAGE)), apis: NO_APIS });
  assert.deepEqual(out.findings, []);
  assert.equal(out.notApplicable, 'the 1 visited page(s) set no cookie to judge');
  assert.equal(statusOf(out), 'skipped');
});

test('cookie-secure: a session cookie without Secure is high, another cookie medium', () => {
  assert.deepEqual(findings(cookieSecure, setting(['sid=1; HttpOnly; SameSite=Lax', 'theme=dark; SameSite=Lax'])), [
    [
      'high',
      `sid (${PAGE})`,
      'session cookie (its name matches /sid$/ of the default session names) without the Secure attribute: the browser also sends it over plain http',
    ],
    ['medium', `theme (${PAGE})`, 'cookie without the Secure attribute: the browser also sends it over plain http'],
  ]);
});

test('cookie-httponly: session names by pattern are high, CSRF tokens and other cookies low', () => {
  assert.deepEqual(
    findings(
      cookieHttpOnly,
      setting([
        'JSESSIONID=1; Secure',
        'auth_token=1; Secure',
        'XSRF-TOKEN=1; Secure',
        'theme=1; Secure',
        'sidebar=1; Secure',
      ]),
    ).map(([sev, target]) => [sev, target]),
    [
      ['high', `JSESSIONID (${PAGE})`],
      ['high', `auth_token (${PAGE})`],
      ['low', `XSRF-TOKEN (${PAGE})`],
      ['low', `theme (${PAGE})`],
      ['low', `sidebar (${PAGE})`],
    ],
  );
});

test('cookie-httponly: the site may name its own session cookies', () => {
  const custom = site({ cookies: { sessionNames: ['^acct$'], ignore: [] } });
  const out = cookieHttpOnly.run(custom, {
    pages: pages(setting(['acct=1; Secure', 'session=1; Secure'])),
    apis: NO_APIS,
  });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.target]),
    [
      ['high', `acct (${PAGE})`],
      ['low', `session (${PAGE})`],
    ],
  );
});

test('cookies that are not credentials by design are not session cookies by their names alone', () => {
  const out = cookieHttpOnly.run(S, {
    apis: NO_APIS,
    pages: pages(
      setting([
        'x-session-affinity=1; Secure; SameSite=Lax', // a load balancer's stickiness, although it contains "sess"
        'ARRAffinitySameSite=1; Secure; SameSite=None',
        'route_session=1; Secure; SameSite=Lax', // "sess" wins: not a routing cookie by its exact name
        'csrf_token=1; Secure; SameSite=Lax', // a double-submit CSRF token, although it contains "token"
        'cookie_consent_token=1; Secure; SameSite=Lax',
        'session=1; Secure; SameSite=Lax',
      ]),
    ),
  });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.target, f.message]),
    [
      [
        'low',
        `x-session-affinity (${PAGE})`,
        "cookie (by its name a load balancer's affinity or routing cookie, not a credential, so not a session cookie) without HttpOnly: scripts can read it",
      ],
      ['low', `ARRAffinitySameSite (${PAGE})`, 'cookie without HttpOnly: scripts can read it'],
      [
        'high',
        `route_session (${PAGE})`,
        'session cookie (its name matches /sess/ of the default session names) without HttpOnly: scripts can read it',
      ],
      [
        'low',
        `csrf_token (${PAGE})`,
        'cookie (by its name a CSRF token, which scripts must read, not a credential, so not a session cookie) without HttpOnly: scripts can read it',
      ],
      [
        'low',
        `cookie_consent_token (${PAGE})`,
        'cookie (by its name a cookie-consent record, not a credential, so not a session cookie) without HttpOnly: scripts can read it',
      ],
      [
        'high',
        `session (${PAGE})`,
        'session cookie (its name matches /sess/ of the default session names) without HttpOnly: scripts can read it',
      ],
    ],
  );
});

test('a cookie set in answer to a login is a session cookie whatever its name; the site may list its own names', () => {
  const login = visit(PAGE, {
    responses: [
      response(`${PAGE}session`, {
        login: true,
        headers: [
          ['set-cookie', 'lb-session-affinity=1; Secure; SameSite=Lax'],
          ['set-cookie', 'u=1; Secure; SameSite=Lax'],
        ],
      }),
    ],
  });
  const own = site({ cookies: { sessionNames: ['^u$'], ignore: [] } });
  assert.deepEqual(
    cookieHttpOnly.run(own, { pages: pages(login), apis: NO_APIS }).findings.map((f) => [f.severity, f.message]),
    [
      ['high', 'session cookie (set in answer to the login) without HttpOnly: scripts can read it'],
      [
        'high',
        'session cookie (set in answer to the login; its name matches /^u$/ of cookies.sessionNames) without HttpOnly: scripts can read it',
      ],
    ],
  );
});

test('cookies set by a script are judged from the jar, and cannot be HttpOnly', () => {
  const v = visit(PAGE, { cookies: [jar('js_session', { sameSite: undefined }), jar('ui', { secure: false })] });
  assert.deepEqual(
    findings(cookieHttpOnly, v).map(([sev, , msg]) => [sev, msg]),
    [
      [
        'high',
        'session cookie set by a script on the page (its name matches /sess/ of the default session names) without HttpOnly: document.cookie cannot set HttpOnly, so any script can read it',
      ],
      [
        'low',
        'cookie set by a script on the page without HttpOnly: document.cookie cannot set HttpOnly, so any script can read it',
      ],
    ],
  );
  assert.deepEqual(
    findings(cookieSecure, v).map(([sev, target]) => [sev, target]),
    [['medium', `ui (${PAGE})`]],
  );
  assert.deepEqual(
    findings(cookieSameSite, v).map(([sev, target]) => [sev, target]),
    [['medium', `js_session (${PAGE})`]],
  );
});

test('a jar cookie that a Set-Cookie header explains is judged from the header only', () => {
  const v = setting([GOOD], PAGE, { cookies: [jar('session', { httpOnly: true })] });
  assert.deepEqual(
    cookieRecords(pages(v)).map((c) => [c.name, c.via]),
    [['session', 'header']],
  );
});

test('cookie-samesite: missing and invalid SameSite, None without Secure', () => {
  assert.deepEqual(
    findings(
      cookieSameSite,
      setting([
        'a=1; Secure; HttpOnly',
        'b=1; Secure; HttpOnly; SameSite=Sometimes',
        'c=1; HttpOnly; SameSite=None',
        'd=1; Secure; HttpOnly; SameSite=None',
      ]),
    ).map(([sev, target, msg]) => [sev, target, msg.split(':')[0]]),
    [
      ['low', `a (${PAGE})`, 'cookie has no SameSite attribute'],
      ['low', `b (${PAGE})`, 'cookie has an invalid SameSite value'],
      ['high', `c (${PAGE})`, 'cookie sets SameSite=None without Secure'],
    ],
  );
});

test('cookie-samesite: __Secure- and __Host- prefixes, case-insensitively', () => {
  const out = findings(
    cookieSameSite,
    setting([
      '__Secure-a=1; HttpOnly; SameSite=Lax',
      '__host-b=1; Secure; HttpOnly; SameSite=Lax; Path=/app; Domain=example.test',
      '__Host-c=1; Path=/; Secure; HttpOnly; SameSite=Lax',
    ]),
  );
  assert.deepEqual(
    out.map(([sev, target, msg]) => [sev, target, msg.split(':')[0]]),
    [
      ['high', `__Secure-a (${PAGE})`, 'the __Secure- prefix requires Secure'],
      ['high', `__host-b (${PAGE})`, 'the __Host- prefix requires Path=/ (got Path=/app)'],
      ['high', `__host-b (${PAGE})`, 'the __Host- prefix forbids Domain (got Domain=example.test)'],
    ],
  );
});

test('cookie-samesite: a subdomain widening a cookie to its parent domain is low; the domain itself is not', () => {
  const wide = setting(['w=1; Domain=example.test; Secure; HttpOnly; SameSite=Lax'], 'https://www.example.test/pixel');
  assert.deepEqual(
    findings(cookieSameSite, wide).map(([sev, target]) => [sev, target]),
    [['low', 'w (https://www.example.test/pixel)']],
  );
  assert.deepEqual(
    findings(cookieSameSite, setting(['w=1; Domain=.example.test; Secure; HttpOnly; SameSite=Lax'])),
    [],
  );
});

test('deletions and listed cookies are not judged; the reason shows as a note', () => {
  const listed = site({
    cookies: {
      sessionNames: ['sess'],
      ignore: [{ name: '_ga', domain: 'example.test', reason: 'analytics, accepted by security review' }],
    },
  });
  const out = cookieSecure.run(listed, {
    apis: NO_APIS,
    pages: pages(
      setting(
        ['old=; Max-Age=0', 'gone=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', '_ga=1'],
        'https://www.example.test/',
      ),
    ),
  });
  assert.deepEqual(out.findings, []);
  assert.deepEqual(out.notes, [
    'cookie _ga (https://www.example.test/) is not judged: analytics, accepted by security review',
  ]);
  assert.equal(statusOf(out), 'skipped');
});

test('the same cookie set on every page is one finding, named after its first setter', () => {
  const v = (path: string) => setting(['theme=1'], `https://example.test${path}`);
  assert.equal(findings(cookieSecure, v('/a'), v('/b')).length, 1);
});

test('a page that did not load cannot be measured', () => {
  const out = cookieSecure.run(S, { pages: pages(unloaded(PAGE, 'net::ERR_TIMED_OUT')), apis: NO_APIS });
  assert.deepEqual(
    out.unmeasured.map((u) => u.target),
    [PAGE],
  );
});
