import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumArgs, findChromium } from '../../src/browser/chromium.ts';

test('CHROMIUM_PATH wins, and a wrong one is named', () => {
  assert.deepEqual(findChromium({ CHROMIUM_PATH: process.execPath }, '/nope', []), {
    ok: true,
    executablePath: process.execPath,
    source: 'CHROMIUM_PATH',
  });
  const wrong = findChromium({ CHROMIUM_PATH: '/no/such/chromium' }, '/nope', []);
  assert.equal(wrong.ok, false);
  assert.match(!wrong.ok ? wrong.message : '', /CHROMIUM_PATH is set to \/no\/such\/chromium/);
});

test("Playwright's own Chromium, then a system one", () => {
  assert.deepEqual(findChromium({}, process.execPath, []), { ok: true, source: "Playwright's Chromium" });
  assert.deepEqual(findChromium({}, '/nope', ['/nope2', process.execPath]), {
    ok: true,
    executablePath: process.execPath,
    source: 'system Chromium',
  });
});

test('with no browser at all the message names both fixes', () => {
  const none = findChromium({}, '/nope', ['/nope2']);
  assert.equal(none.ok, false);
  const message = !none.ok ? none.message : '';
  assert.match(message, /npx playwright install chromium/);
  assert.match(message, /apt-get install chromium/);
  assert.match(message, /CHROMIUM_PATH/);
});

test('browser flags carry connectTo, and the SPKI list only when the fallback gives leaf keys', () => {
  const connectTo = { 'a.test:443': '127.0.0.1:1' };
  const withDatabase = chromiumArgs(connectTo, []);
  assert.ok(withDatabase.includes('--host-resolver-rules=MAP a.test:443 127.0.0.1:1'));
  assert.ok(!withDatabase.some((a) => a.startsWith('--ignore-certificate-errors-spki-list')));
  assert.ok(chromiumArgs(connectTo, ['AAA=', 'BBB=']).includes('--ignore-certificate-errors-spki-list=AAA=,BBB='));
});
