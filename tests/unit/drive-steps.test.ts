// The flow step driver's decisions on a fake browser: when a page is read, when responses count
// as answering a login, and what a failed or refused step leaves for the report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { driveSteps, type StepDriver } from '../../src/driving/drive-steps.ts';
import type { StepResult } from '../../src/driving/flow-steps.ts';
import type { FlowStep } from '../../src/model/site.ts';

const goto: FlowStep = { kind: 'goto', url: 'https://shop.test/login' };
const fillUser: FlowStep = { kind: 'fill', selector: '#user', value: 'u', secret: true };
const fillPassword: FlowStep = { kind: 'fill', selector: '#password', value: 'p', secret: true };
const click: FlowStep = { kind: 'click', selector: '#sign-in' };
const waitUrl: FlowStep = { kind: 'waitFor', url: '/account' };
const waitText: FlowStep = { kind: 'waitFor', text: 'Welcome' };

/** A fake browser: each step's result and each wait's new documents, in order; every call logged. */
function fake(results: Map<FlowStep, StepResult>, newDocuments: number[] = []) {
  const calls: string[] = [];
  const driver: StepDriver = {
    run: async (step) => {
      calls.push(`run ${step.kind}`);
      return results.get(step) ?? { ok: true };
    },
    snapshot: async (step, action, error) => {
      calls.push(`read ${step} ${action}${error ? ` (${error})` : ''}`);
    },
    newDocuments: async () => newDocuments.shift() ?? 0,
    markLogin: (on) => calls.push(`login ${on ? 'on' : 'off'}`),
  };
  return { driver, calls };
}

const labels = (steps: FlowStep[]) => steps.map((s, i) => `step ${i + 1} ${s.kind}`);

test('a login: read after the navigation, the submit and a wait that brought a new page; the submit answers the login', async () => {
  const steps = [goto, fillUser, fillPassword, click, waitUrl];
  const { driver, calls } = fake(new Map([[fillPassword, { ok: true, typedPassword: true }]]), [1]);
  const result = await driveSteps(steps, labels(steps), ['goto', 'fill', 'fill', 'click', 'waitFor'], driver);
  assert.deepEqual(result, { completed: true, notReached: [] });
  assert.deepEqual(calls, [
    'run goto',
    'read 1 goto',
    'run fill',
    'run fill',
    'login on',
    'run click',
    'read 4 click',
    'login off',
    'run waitFor',
    'read 5 waitFor',
  ]);
});

test('a wait on the same document is not read, unless it is the last step; a click without a password is no login', async () => {
  const steps = [goto, waitText, click, waitText];
  const { driver, calls } = fake(new Map(), [0, 0]);
  await driveSteps(steps, labels(steps), ['goto', 'waitFor', 'click', 'waitFor'], driver);
  assert.deepEqual(calls, [
    'run goto',
    'read 1 goto',
    'run waitFor',
    'run click',
    'read 3 click',
    'login off',
    'run waitFor',
    'read 4 waitFor',
  ]);
  assert.ok(!calls.includes('login on'));
});

test('a navigation that failed is read with its error, and stops the flow with what it did not reach', async () => {
  const steps = [goto, fillUser, click];
  const error = 'page.goto: net::ERR_CONNECTION_REFUSED';
  const { driver, calls } = fake(new Map([[goto, { ok: false, error }]]));
  const result = await driveSteps(steps, labels(steps), ['goto /login', 'fill', 'click'], driver);
  assert.deepEqual(result, {
    completed: false,
    stoppedAt: 'step 1 goto',
    reason: error,
    notReached: ['step 2 fill', 'step 3 click'],
  });
  assert.deepEqual(calls, ['run goto', `read 1 goto /login (${error})`, 'login off']);
});

test('another step that failed is read as it was left (its screenshot shows why), without an error', async () => {
  const steps = [goto, fillPassword, click, waitUrl];
  const { driver, calls } = fake(
    new Map<FlowStep, StepResult>([
      [fillPassword, { ok: true, typedPassword: true }],
      [click, { ok: false, error: 'locator.click: Timeout 10000ms exceeded.' }],
    ]),
  );
  const result = await driveSteps(steps, labels(steps), ['goto', 'fill', 'click', 'waitFor'], driver);
  assert.equal(result.stoppedAt, 'step 3 click');
  assert.deepEqual(result.notReached, ['step 4 waitFor']);
  assert.deepEqual(calls.slice(-4), ['login on', 'run click', 'read 3 click', 'login off']);
});

test('a refused secret stops the flow, naming the step, the field and why', async () => {
  const steps = [goto, fillPassword, click];
  const refused = {
    field: 'password',
    pageUrl: 'http://shop.test/login',
    why: 'the page is not https (http://shop.test/login)',
  };
  const { driver } = fake(new Map([[fillPassword, { ok: false, refused }]]));
  const result = await driveSteps(steps, labels(steps), ['goto', 'fill #password', 'click'], driver);
  assert.deepEqual(result, {
    completed: false,
    stoppedAt: 'step 2 fill',
    reason: 'refused to type the password into http://shop.test/login: the page is not https (http://shop.test/login)',
    refusedSecret: { step: 'step 2 fill', ...refused },
    notReached: ['step 3 click'],
  });
});
