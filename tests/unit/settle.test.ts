// When a page's late content counts as waited for: the pure rules behind both settles. The
// lab's late-content sites prove them in a real browser (tests/integration/lab-scan.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settledAt } from '../../src/recording/settle.ts';
import { pageOutcome } from '../../src/recording/virtual-budget.ts';

const SETTLE = 1500;

test('the wall clock waits the full settleMs after load, however quiet the network (never 500 ms of quiet)', () => {
  const quiet = { loadedAt: 1000, inflight: 0, lastActivity: 1000 };
  assert.equal(settledAt(quiet, SETTLE, 1000, 1600), false); // 600 ms after load, 600 ms quiet
  assert.equal(settledAt(quiet, SETTLE, 1000, 2499), false);
  assert.equal(settledAt(quiet, SETTLE, 1000, 2500), true);
});

test('after settleMs the wall clock still waits for what is loading, then a short quiet', () => {
  assert.equal(settledAt({ loadedAt: 0, inflight: 1, lastActivity: 100 }, SETTLE, 0, 3000), false);
  assert.equal(settledAt({ loadedAt: 0, inflight: 0, lastActivity: 2950 }, SETTLE, 0, 3000), false);
  assert.equal(settledAt({ loadedAt: 0, inflight: 0, lastActivity: 2850 }, SETTLE, 0, 3000), true);
});

test('a document whose load has not fired is given settleMs from the start of the wait', () => {
  assert.equal(settledAt({ inflight: 0, lastActivity: 0 }, SETTLE, 5000, 6000), false);
  assert.equal(settledAt({ inflight: 0, lastActivity: 0 }, SETTLE, 5000, 6500), true);
});

test("a page is busy only when its own renderer stopped answering; a frame's trouble caps it at most", () => {
  assert.equal(pageOutcome('expired', []), 'expired');
  assert.equal(pageOutcome('fellBack', ['expired', 'fellBack']), 'expired');
  assert.equal(pageOutcome('busy', ['expired']), 'busy');
  assert.equal(pageOutcome('expired', ['gone']), 'expired');
  assert.equal(pageOutcome('expired', ['expired', 'capped']), 'capped');
  assert.equal(pageOutcome('capped', []), 'capped');
  assert.equal(pageOutcome('gone', []), 'capped');
});
