// The matchers on hand-made evidence: each passes when its rule holds and fails, in the scan's
// words and codes, when it is broken; the threshold and accepted findings move findings to
// annotations; what could not be measured fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, ExpectMatcherState, MatcherReturnType, Page } from '@playwright/test';
import type { Site } from '../../src/model/site.ts';
import type { FormSnapshot, PagesEvidence, PageVisit, TlsEvidence } from '../../src/model/evidence.ts';
import { securityMatchers } from '../../src/library/matchers.ts';
import { bindSession, type SecuritySession } from '../../src/library/session.ts';
import type { JudgeSettings } from '../../src/library/options.ts';
import {
  accepted,
  certificate,
  daysFromNow,
  deadTlsHost,
  intermediate,
  pages,
  response,
  site,
  tlsEvidence,
  tlsHost,
  trustedRoot,
  unloaded,
  visit,
} from './evidence-builders.ts';

const PAGE = 'https://example.test/checkout';
const DEFAULTS: JudgeSettings = { failOn: 'medium', accept: [] };

/** A test's browser context whose recording holds the given evidence, and what the matchers annotated. */
function recorded(
  evidence: { pages?: PagesEvidence; tls?: TlsEvidence },
  settings: JudgeSettings = DEFAULTS,
  judgedAs: Site = site(),
) {
  const annotations: { type: string; description: string }[] = [];
  const session: SecuritySession = {
    settings,
    pagesEvidence: async () => ({ site: judgedAs, pages: evidence.pages ?? pages(), subject: PAGE }),
    hostEvidence: async () => ({ site: judgedAs, tls: evidence.tls ?? tlsEvidence() }),
    annotate: (type, description) => annotations.push({ type, description }),
    redact: (text) => text.replaceAll('s3cret', '[redacted]'),
  };
  const context = {} as BrowserContext;
  const page = { mainFrame: () => ({}), context: () => context } as unknown as Page;
  bindSession(context, session);
  return { page, context, host: { host: 'example.test', session }, annotations };
}

const expecting = (isNot = false) => ({ isNot, promise: '', timeout: 5_000 }) as unknown as ExpectMatcherState;
const m = securityMatchers;
const lines = (r: MatcherReturnType) => r.message().split('\n');

const httpScript = (): PageVisit =>
  visit(PAGE, {
    insecureReferences: [{ url: 'http://cdn.test/pay.js', frameUrl: PAGE, kind: 'script', via: 'script[src]' }],
  });
const httpImage = (): PageVisit =>
  visit(PAGE, {
    insecureReferences: [{ url: 'http://cdn.test/logo.png', frameUrl: PAGE, kind: 'image', via: 'img[src]' }],
  });
/** A visit whose document sets these cookies. */
const setting = (...cookies: string[]): PageVisit =>
  visit(PAGE, {
    responses: [
      response(PAGE, {
        headers: [
          ['strict-transport-security', 'max-age=31536000'],
          ...cookies.map((c): [string, string] => ['set-cookie', c]),
        ],
      }),
    ],
  });

test('toHaveNoMixedContent passes on a page that loads everything over https', async () => {
  const { page, annotations } = recorded({ pages: pages(visit(PAGE)) });
  const r = await m.toHaveNoMixedContent.call(expecting(), page);
  assert.equal(r.pass, true);
  assert.deepEqual(annotations, []);
});

test('toHaveNoMixedContent fails on an http script, one line per finding with its code and the remediation', async () => {
  const { page } = recorded({ pages: pages(httpScript()) });
  const r = await m.toHaveNoMixedContent.call(expecting(), page);
  assert.equal(r.pass, false);
  assert.equal(r.name, 'toHaveNoMixedContent');
  const [header, finding, remediation] = lines(r);
  assert.equal(header, `toHaveNoMixedContent: 1 finding at medium or above (${PAGE})`);
  assert.equal(
    finding,
    `[high] http://cdn.test/pay.js: script (script[src]) over http on ${PAGE}: not requested during the visit (found in the page, e.g. a srcset candidate, lazy or unused content) (mixed-content.active)`,
  );
  assert.match(remediation!, /^ {2}remediation: Serve every resource/);
});

test('the threshold: a passive image fails at medium, is a warning annotation when only high fails, and low findings never fail by default', async () => {
  const atMedium = recorded({ pages: pages(httpImage()) });
  assert.equal((await m.toHaveNoMixedContent.call(expecting(), atMedium.page)).pass, false);

  const atHigh = recorded({ pages: pages(httpImage()) }, { failOn: 'high', accept: [] });
  assert.equal((await m.toHaveNoMixedContent.call(expecting(), atHigh.page)).pass, true);
  assert.deepEqual(
    atHigh.annotations.map((a) => a.type),
    ['security warning'],
  );
  assert.match(
    atHigh.annotations[0]!.description,
    /^\[medium\] http:\/\/cdn\.test\/logo\.png: image .* \(mixed-content\.passive\)$/,
  );

  // A matcher's own threshold overrides the fixture's.
  assert.equal((await m.toHaveNoMixedContent.call(expecting(), atHigh.page, { failOn: 'medium' })).pass, false);
});

test('an accepted finding (by code, and by target or pattern) passes and is annotated with its reason', async () => {
  for (const target of ['http://cdn.test/pay.js', /cdn\.test/, undefined]) {
    const { page, annotations } = recorded({ pages: pages(httpScript()) });
    const r = await m.toHaveNoMixedContent.call(expecting(), page, {
      accept: [{ code: 'mixed-content.active', ...(target ? { target } : {}), reason: 'vendor fix due in May' }],
    });
    assert.equal(r.pass, true, String(target));
    assert.equal(annotations[0]!.type, 'security accepted');
    assert.match(
      annotations[0]!.description,
      /^\[accepted\] \[high\] http:\/\/cdn\.test\/pay\.js: .* \(mixed-content\.active\), because: vendor fix due in May$/,
    );
  }
  const other = recorded({ pages: pages(httpScript()) });
  const r = await m.toHaveNoMixedContent.call(expecting(), other.page, {
    accept: [{ code: 'mixed-content.active', target: 'http://cdn.test/other.js', reason: 'another one' }],
  });
  assert.equal(r.pass, false, 'an acceptance for another target does not apply');
});

test('a page that could not be read fails as "could not measure"', async () => {
  const { page } = recorded({ pages: pages(unloaded(PAGE, 'net::ERR_CERT_DATE_INVALID')) });
  const r = await m.toHaveNoMixedContent.call(expecting(), page);
  assert.equal(r.pass, false);
  assert.deepEqual(lines(r), [
    `toHaveNoMixedContent: 1 target could not be measured (${PAGE})`,
    `[could not measure] ${PAGE}: the page did not load: the browser refused the certificate: it has expired or is not valid yet (net::ERR_CERT_DATE_INVALID) (mixed-content)`,
  ]);
});

test('.not needs a real finding: a clean page, or one that could not be measured, fails it', async () => {
  assert.equal(
    (await m.toHaveNoMixedContent.call(expecting(true), recorded({ pages: pages(httpScript()) }).page)).pass,
    false,
  );
  const clean = await m.toHaveNoMixedContent.call(expecting(true), recorded({ pages: pages(visit(PAGE)) }).page);
  assert.equal(clean.pass, true);
  assert.equal(
    clean.message(),
    `toHaveNoMixedContent: no finding at medium or above (${PAGE}): expected a finding at medium or above`,
  );
  assert.equal(
    (await m.toHaveNoMixedContent.call(expecting(true), recorded({ pages: pages(unloaded(PAGE, 'timeout')) }).page))
      .pass,
    true,
  );
});

test('toHaveSecureCookies passes on a Secure, HttpOnly, SameSite session cookie, on the page or its context', async () => {
  const { page, context } = recorded({ pages: pages(setting('sid=1; Path=/; Secure; HttpOnly; SameSite=Lax')) });
  assert.equal((await m.toHaveSecureCookies.call(expecting(), context)).pass, true);
  assert.equal((await m.toHaveSecureCookies.call(expecting(), page)).pass, true);
});

test("toHaveSecureCookies fails on each broken rule with the cookie checks' codes", async () => {
  const cases: [string, string, string][] = [
    [
      'sid=1; Path=/; HttpOnly; SameSite=Lax',
      '[high] sid (https://example.test/checkout)',
      'cookie-secure.missing-secure',
    ],
    [
      'sid=1; Path=/; Secure; SameSite=Lax',
      '[high] sid (https://example.test/checkout)',
      'cookie-httponly.missing-httponly',
    ],
    [
      'sid=1; Path=/; Secure; HttpOnly',
      '[medium] sid (https://example.test/checkout)',
      'cookie-samesite.missing-samesite',
    ],
  ];
  for (const [cookie, expected, code] of cases) {
    const { context } = recorded({ pages: pages(setting(cookie)) });
    const r = await m.toHaveSecureCookies.call(expecting(), context);
    assert.equal(r.pass, false, cookie);
    const line = lines(r)[1]!;
    assert.ok(line.startsWith(`${expected}: `) && line.endsWith(`(${code})`), `${cookie}\n${r.message()}`);
  }
});

test('toHaveSecureCookies: a low finding (an ordinary cookie without HttpOnly) is an annotation, not a failure; an ignored cookie is a note', async () => {
  const { context, annotations } = recorded(
    { pages: pages(setting('theme=dark; Path=/; Secure; SameSite=Lax', '_ga=1; Path=/; SameSite=Lax')) },
    DEFAULTS,
    site({ cookies: { sessionNames: ['sid'], ignore: [{ name: '_ga', reason: 'analytics, judged by its vendor' }] } }),
  );
  const r = await m.toHaveSecureCookies.call(expecting(), context);
  assert.equal(r.pass, true, r.message());
  assert.deepEqual(
    annotations.map((a) => [a.type, a.description.split(':')[0]]),
    [
      ['security note', 'cookie-secure'],
      ['security warning', '[low] theme (https'],
      ['security note', 'cookie-httponly'],
      ['security note', 'cookie-samesite'],
    ],
  );
});

const loginForm = (action: string): FormSnapshot => ({
  frameUrl: PAGE,
  action,
  formActions: [],
  method: 'post',
  label: 'login',
  fields: [{ tag: 'input', type: 'password', name: 'password', id: 'password', autocomplete: 'current-password' }],
});

test('toBeSecurePage runs every page check: forms, HSTS of the documents, downgrades, mixed content, cookies', async () => {
  assert.equal(
    (
      await m.toBeSecurePage.call(
        expecting(),
        recorded({ pages: pages(setting('sid=1; Path=/; Secure; HttpOnly; SameSite=Lax')) }).page,
      )
    ).pass,
    true,
  );

  const broken: [PageVisit, string, string][] = [
    [
      visit(PAGE, { forms: [loginForm('http://example.test/session')] }),
      '[high] https://example.test/checkout: ',
      'secure-forms.submits-to-http',
    ],
    [
      visit(PAGE, { responses: [response(PAGE, { headers: [] })] }),
      '[high] https://example.test/checkout: ',
      'hsts.missing',
    ],
    [
      visit(PAGE, {
        navigations: [{ url: 'http://example.test/cart', from: PAGE, mainFrame: true, redirected: false }],
      }),
      '[high] https://example.test/checkout: ',
      'no-downgrade.navigation-to-http',
    ],
    [httpScript(), '[high] http://cdn.test/pay.js: ', 'mixed-content.active'],
    [setting('sid=1; Path=/; Secure; SameSite=Lax'), '[high] sid ', 'cookie-httponly.missing-httponly'],
  ];
  for (const [v, expected, code] of broken) {
    const r = await m.toBeSecurePage.call(expecting(), recorded({ pages: pages(v) }).page);
    assert.equal(r.pass, false, code);
    assert.ok(
      lines(r).some((l) => l.startsWith(expected) && l.endsWith(`(${code})`)),
      `${code}\n${r.message()}`,
    );
  }
});

test("toBeSecurePage judges HSTS only on the site's own hosts: a third-party document without it is not a finding", async () => {
  const framed = visit(PAGE, {
    responses: [response(PAGE), response('https://widgets.other.test/', { mainFrame: false, headers: [] })],
  });
  assert.equal((await m.toBeSecurePage.call(expecting(), recorded({ pages: pages(framed) }).page)).pass, true);
});

test('toPassTlsChecks passes on a host with a trusted chain and TLS 1.2/1.3 only; the notes say what was offered', async () => {
  const { host, annotations } = recorded({ tls: tlsEvidence(tlsHost('example.test')) });
  const r = await m.toPassTlsChecks.call(expecting(), host);
  assert.equal(r.pass, true, r.message());
  assert.ok(
    annotations.some(
      (a) => a.type === 'security note' && a.description === 'tls-protocols: example.test offers TLSv1.2, TLSv1.3',
    ),
  );
});

test('toPassTlsChecks fails on an expired certificate, an obsolete protocol, and a host it cannot reach', async () => {
  const expired = tlsHost('example.test', {
    chain: [certificate({ validTo: daysFromNow(-2) }), intermediate(), trustedRoot()],
  });
  const tls10 = tlsHost('example.test', { protocols: [accepted('TLSv1'), accepted('TLSv1.2')] });
  const cases: [TlsEvidence, string, string][] = [
    [tlsEvidence(expired), '[high] example.test: ', '(certificate-validity.expired)'],
    [tlsEvidence(tls10), '[medium] example.test: ', '(tls-protocols.obsolete-protocol)'],
    [tlsEvidence(deadTlsHost('example.test')), '[could not measure] example.test: ', '(certificate-trust)'],
  ];
  for (const [tls, expected, end] of cases) {
    const r = await m.toPassTlsChecks.call(expecting(), recorded({ tls }).host);
    assert.equal(r.pass, false, end);
    assert.ok(
      lines(r).some((l) => l.startsWith(expected) && l.endsWith(end)),
      `${end}\n${r.message()}`,
    );
  }
});

test("messages and annotations go through the session's redaction", async () => {
  const v = visit(PAGE, {
    insecureReferences: [{ url: 'http://cdn.test/?token=s3cret', frameUrl: PAGE, kind: 'script', via: 'script[src]' }],
  });
  const r = await m.toHaveNoMixedContent.call(expecting(), recorded({ pages: pages(v) }).page);
  assert.doesNotMatch(r.message(), /s3cret/);
  assert.match(r.message(), /token=\[redacted\]/);
});

test('misuse fails with a clear message: no security fixture, bad options, a page given to toPassTlsChecks', async () => {
  const stranger = { mainFrame: () => ({}), context: () => ({}), url: () => PAGE } as unknown as Page;
  await assert.rejects(m.toHaveNoMixedContent.call(expecting(), stranger), /add the `security` fixture to the test/);
  const { page } = recorded({ pages: pages(visit(PAGE)) });
  await assert.rejects(
    m.toBeSecurePage.call(expecting(), page, {
      failOn: 'severe' as never,
      accept: [{ code: 'hsts.absent', reason: '' }],
    }),
    (err: Error) =>
      err.message.startsWith('matcher options: 3 problems') &&
      /\$\.failOn/.test(err.message) &&
      /\$\.accept\[0\]\.code: unknown finding code "hsts\.absent"/.test(err.message) &&
      /\$\.accept\[0\]\.reason: say why/.test(err.message),
  );
  await assert.rejects(m.toPassTlsChecks.call(expecting(), page as never), /judges a host of the security fixture/);
});

test('an acceptance holds until its expiry, as in the scan: expired, the finding fails again and says so', async () => {
  const { page } = recorded({ pages: pages(httpScript()) });
  const accept = (expires: string) => [{ code: 'mixed-content.active', reason: 'vendor fix due in May', expires }];
  assert.equal((await m.toHaveNoMixedContent.call(expecting(), page, { accept: accept('2999-12-31') })).pass, true);
  const expired = await m.toHaveNoMixedContent.call(expecting(), recorded({ pages: pages(httpScript()) }).page, {
    accept: accept('2020-01-01'),
  });
  assert.equal(expired.pass, false);
  assert.match(
    expired.message(),
    /\(mixed-content\.active\) \(the acceptance of this finding expired on 2020-01-01: "vendor fix due in May"\)/,
  );
});
