import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusOf } from '../../src/model/findings.ts';
import { secureForms, sensitivity } from '../../src/checks/secure-forms.ts';
import type { FormField, FormSnapshot } from '../../src/model/evidence.ts';
import { pages, site, visit, unloaded } from './evidence-builders.ts';

const PAGE = 'https://example.test/login';
const field = (over: Partial<FormField>): FormField => ({
  tag: 'input',
  type: 'text',
  name: '',
  id: '',
  autocomplete: '',
  ...over,
});
const form = (over: Partial<FormSnapshot>): FormSnapshot => ({
  frameUrl: PAGE,
  action: PAGE,
  formActions: [],
  method: 'post',
  label: '',
  fields: [],
  ...over,
});
const run = (...forms: FormSnapshot[]) => secureForms.run(site(), { pages: pages(visit(PAGE, { forms })) });
const lines = (out: ReturnType<typeof run>) => out.findings.map((f) => [f.severity, f.target, f.message]);

test('password, card and login forms are recognised; ordinary forms are not', () => {
  assert.equal(sensitivity(form({ fields: [field({ type: 'password' })] })), 'password field');
  assert.equal(sensitivity(form({ fields: [field({ autocomplete: 'new-password' })] })), 'password field');
  assert.equal(sensitivity(form({ fields: [field({ autocomplete: 'billing cc-number' })] })), 'card field');
  assert.equal(sensitivity(form({ fields: [field({ name: 'cardNumber' })] })), 'card field');
  assert.equal(sensitivity(form({ fields: [field({ name: 'cvc' })] })), 'card field');
  assert.equal(sensitivity(form({ label: 'signin-form', fields: [field({ name: 'email' })] })), 'login form');
  assert.equal(sensitivity(form({ fields: [field({ autocomplete: 'username' })] })), 'login form');
  assert.equal(
    sensitivity(form({ label: 'search', fields: [field({ name: 'q' }), field({ type: 'email', name: 'email' })] })),
    undefined,
  );
  assert.equal(sensitivity(form({ fields: [field({ name: 'discard' })] })), undefined);
});

test('sensitive forms on https that submit to https pass', () => {
  const out = run(form({ fields: [field({ type: 'password' })], formActions: ['https://example.test/alt'] }));
  assert.deepEqual(out.findings, []);
  assert.deepEqual(out.checked, [`password field in a form on ${PAGE}`]);
});

test('pages without any sensitive form: not applicable (skipped)', () => {
  const out = run(form({ fields: [field({ type: 'search' })] }));
  assert.equal(statusOf(out), 'skipped');
});

test('a sensitive form submitting to http is high, once per target (action and each formaction)', () => {
  const out = run(
    form({
      label: 'login',
      action: 'http://example.test/session',
      formActions: ['http://example.test/alt'],
      fields: [field({ type: 'password' })],
    }),
  );
  assert.deepEqual(lines(out), [
    ['high', PAGE, 'password field in form "login" submits to http://example.test/session over plain http'],
    ['high', PAGE, 'password field in form "login" submits to http://example.test/alt over plain http'],
  ]);
});

test('a password or card field on an http page is critical, a password-less login form high, fields outside forms too', () => {
  const http = 'http://example.test/old';
  const out = run(
    form({ frameUrl: http, action: http, fields: [field({ type: 'password' })] }),
    form({ frameUrl: http, action: undefined, fields: [field({ autocomplete: 'cc-number' })] }),
    form({ frameUrl: http, action: http, label: 'login', fields: [field({ name: 'user' })] }),
  );
  assert.deepEqual(lines(out), [
    ['critical', http, 'password field in a form on a plain http page: anyone on the network can read or change it'],
    ['critical', http, 'card field outside any form on a plain http page: anyone on the network can read or change it'],
    ['high', http, 'login form in form "login" on a plain http page: anyone on the network can read or change it'],
  ]);
});

test('an ordinary form posting to http is not this check (mixed-content reports it)', () => {
  assert.deepEqual(
    run(form({ action: 'http://example.test/newsletter', fields: [field({ type: 'email', name: 'email' })] })).findings,
    [],
  );
});

test('a page that did not load cannot be measured', () => {
  const out = secureForms.run(site(), { pages: pages(unloaded(PAGE, 'net::ERR_CONNECTION_RESET')) });
  assert.deepEqual(
    out.unmeasured.map((u) => u.target),
    [PAGE],
  );
});

test('upgrade-insecure-requests: the browser submits an http form target over https, so it is a note, not a finding', () => {
  const login = form({ action: 'http://example.test/session', fields: [field({ type: 'password' })] });
  const upgraded = secureForms.run(site(), {
    pages: pages(visit(PAGE, { forms: [login], upgradingDocuments: [PAGE] })),
  });
  assert.deepEqual(upgraded.findings, []);
  assert.match(upgraded.notes[0]!, /asks browsers to upgrade insecure requests .*its 1 http:\/\/ form target/);
  assert.equal(run(login).findings.length, 1);
});
