import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_LISTED, Outcome } from '../../src/checks/outcome.ts';
import { statusOf } from '../../src/model/findings.ts';
import { CHECKS } from '../../src/checks/index.ts';

test('a flood of findings of one code keeps the first ones and a count with the worst severity', () => {
  const out = new Outcome<'bad' | 'other'>();
  for (let i = 0; i < 10_000; i++) out.add('bad', i === 9_999 ? 'high' : 'low', `cookie${i}`, 'without Secure');
  out.add('other', 'low', 'x', 'something else');
  const done = out.done();
  assert.equal(done.findings.length, MAX_LISTED + 2);
  const rest = done.findings.find((f) => f.target === `${10_000 - MAX_LISTED} more`);
  assert.ok(rest, 'a finding counts the ones not listed');
  assert.equal(rest.code, 'bad');
  assert.equal(rest.severity, 'high');
  assert.equal(statusOf(done), 'failed', 'the verdict still sees the worst of the unlisted findings');
});

test('unmeasured targets and notes are capped too', () => {
  const out = new Outcome();
  for (let i = 0; i < 500; i++) {
    out.cannotMeasure(`page${i}`, 'did not load');
    out.note(`note ${i}`);
  }
  const done = out.done();
  assert.equal(done.unmeasured.length, MAX_LISTED + 1);
  assert.equal(done.unmeasured.at(-1)!.target, `${500 - MAX_LISTED} more`);
  assert.equal(done.notes.length, MAX_LISTED + 1);
});

test('every check declares its finding codes, lower-case and dashed', () => {
  for (const check of CHECKS) {
    const codes = Object.keys(check.codes);
    assert.ok(codes.length > 0, `${check.id} declares no code`);
    for (const code of codes) assert.match(code, /^[a-z0-9][a-z0-9-]*$/, `${check.id}.${code}`);
  }
});

test('docs/finding-codes.md lists every code (npm run docs rewrites it)', async () => {
  const { readFileSync } = await import('node:fs');
  const { findingCodesDoc } = await import('../../src/report/codes-doc.ts');
  assert.equal(readFileSync('docs/finding-codes.md', 'utf8'), findingCodesDoc());
});
