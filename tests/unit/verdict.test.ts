// The reports read each test's verdict back; they must never disagree with the test itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import { verdictOf } from '../../reporters/verdict.ts';
import { RESULT_ATTACHMENT, type CheckResult } from '../../src/report/result.ts';

const testCase = {
  title: 'no-downgrade',
  parent: { title: 'shop' },
  annotations: [{ type: 'site', description: 'https://shop.test/' }],
} as unknown as TestCase;
const verdict = (status: CheckResult['status']): CheckResult => ({
  site: 'shop',
  url: 'https://shop.test/',
  id: 'no-downgrade',
  title: 'Nothing downgrades',
  status,
  failOn: 'medium',
  findings: [],
  accepted: [],
  unmeasured: [],
  checked: ['https://shop.test/'],
  notes: [],
});
const result = (status: TestResult['status'], check?: CheckResult, error?: string): TestResult =>
  ({
    status,
    attachments: check
      ? [{ name: RESULT_ATTACHMENT, contentType: 'application/json', body: Buffer.from(JSON.stringify(check)) }]
      : [],
    ...(error ? { error: { message: error } } : {}),
  }) as unknown as TestResult;

test('a passed verdict on a test that timed out afterwards is could not measure, with the reason', () => {
  const v = verdictOf(testCase, result('timedOut', verdict('passed'), 'Test timeout of 60000ms exceeded.\nmore'));
  assert.equal(v.status, 'error');
  assert.deepEqual(v.unmeasured, [{ target: 'shop', reason: 'Test timeout of 60000ms exceeded.' }]);
});

test('a verdict the test agrees with is kept as it is', () => {
  assert.equal(verdictOf(testCase, result('passed', verdict('passed'))).status, 'passed');
  assert.equal(verdictOf(testCase, result('passed', verdict('warning'))).status, 'warning');
  assert.equal(verdictOf(testCase, result('failed', verdict('failed'))).status, 'failed');
  assert.equal(verdictOf(testCase, result('failed', verdict('error'))).status, 'error');
  assert.equal(verdictOf(testCase, result('skipped', verdict('skipped'))).status, 'skipped');
});

test('a test that broke before its verdict is could not measure', () => {
  const v = verdictOf(testCase, result('failed', undefined, 'Error: the collection process could not collect'));
  assert.equal(v.status, 'error');
  assert.match(v.unmeasured[0]!.reason, /could not collect/);
});
