// `accept`: the form of each accepted finding is checked, its check id and finding code against
// the catalogue of checks; applying them is the report's job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneSite, parse, problems } from './config-helpers.ts';
import { hsts } from '../../src/checks/hsts.ts';

const base = { reason: 'vendor fixes it in Q1', expires: '2027-03-31' };

test('accepted findings come through as written; none by default', () => {
  assert.deepEqual(parse(oneSite()).accept, []);
  const accept = [
    { check: 'hsts', site: 'shop', target: 'https://shop.test/', ...base },
    { code: 'cookie-secure.missing-secure', ...base },
    { check: 'tls-ciphers', code: 'tls-ciphers.3des', ...base },
  ];
  assert.deepEqual(parse(oneSite({}, { accept })).accept, accept);
});

test('each rule of an acceptance is checked, all at once', () => {
  const list = problems(
    oneSite(
      {},
      {
        accept: [
          { check: 'hsst', ...base },
          { code: 'hsts', ...base },
          { code: 'nope.short-max-age', ...base },
          { code: 'HSTS.Short', ...base },
          { code: 'hsts.typo', ...base },
          { site: 'shoop', ...base },
          { check: 'hsts', reason: ' ', expires: '2027-02-30' },
          { check: 'hsts', reason: 'r', expires: '31/12/2027' },
          { check: 'hsts', expires: '2027-01-01', colour: 'red' },
        ],
      },
    ),
  );
  const checks =
    'https-port-443, http-redirect, no-downgrade, hsts, mixed-content, secure-forms, cookie-secure, cookie-httponly, cookie-samesite, certificate-trust, certificate-validity, certificate-hostnames, certificate-strength, tls-protocols, tls-ciphers, discovery, api-transport';
  const format = 'expected "<check id>.<code>", lowercase words joined by dashes, such as "hsts.short-max-age"';
  assert.deepEqual(list, [
    `$.accept[0].check: unknown check "hsst" (expected one of: ${checks})`,
    `$.accept[1].code: ${format}`,
    `$.accept[2].code: "nope" is not a check id (expected one of: ${checks})`,
    `$.accept[3].code: ${format}`,
    `$.accept[4].code: unknown finding code "hsts.typo" (the codes of hsts: ${Object.keys(hsts.codes).join(', ')}; see docs/finding-codes.md)`,
    '$.accept[5]: name what is accepted: "check", "code" or both',
    '$.accept[6].reason: say why the finding is accepted',
    '$.accept[6].expires: 2027-02-30 is not a calendar date',
    '$.accept[7].expires: expected a date "YYYY-MM-DD"',
    '$.accept[8].reason: required field is missing',
    '$.accept[8]: unknown field "colour"',
    '$.accept[5].site: no site of this file is named "shoop"',
  ]);
});
