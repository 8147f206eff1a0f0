import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact, REDACTED } from '../../src/model/redact.ts';

test('every occurrence of every secret is replaced, longest first', () => {
  assert.equal(
    redact('user pw=hunter2hunter2 again hunter2', ['hunter2', 'hunter2hunter2']),
    `user pw=${REDACTED} again ${REDACTED}`,
  );
  assert.equal(redact('nothing secret', ['']), 'nothing secret');
});
