// What the security fixture records: pages the test opens itself, popups closed before a
// matcher runs, everything a page showed during the test, pages the browser refused, a test
// that never names `security` (recorded all the same), and a browser without CDP. Each test
// expects the matcher's failure and pins its lines.
// biome-ignore-all lint/correctness/noUnusedFunctionParameters: tests name `security` where a suite with autoRecord off would have to
import { test, expect } from '../../src/library/playwright.ts';

/** The failure message of a matcher expected to fail. */
const failure = (assertion: Promise<void>): Promise<string> =>
  assertion.then(
    () => 'the matcher passed',
    (err: Error) => err.message,
  );

test('a page the test opens itself is recorded from its first request', async ({ context, security }) => {
  const page = await context.newPage();
  await page.goto('https://hsts.lab.test/nohsts');
  expect(await failure(expect(page).toBeSecurePage())).toContain(
    '\n[high] https://hsts.lab.test/nohsts: no Strict-Transport-Security header (hsts.missing)\n',
  );
});

test('a matcher judges everything the page showed during the test, not only the page at the end', async ({
  page,
  security,
}) => {
  await page.goto('https://mixed.lab.test/active');
  await page.goto('https://good.lab.test/about');
  const message = await failure(expect(page).toHaveNoMixedContent());
  expect(message.split('\n')[0]).toMatch(
    /^toHaveNoMixedContent: \d+ findings at medium or above \(https:\/\/good\.lab\.test\/about\)$/,
  );
  expect(message).toContain(
    '\n[high] http://cdn.insecure.test/app.js: script over http on a matcher judges everything the page showed during the test, not only the page at the end › https://mixed.lab.test/active: blocked by the browser (the page is missing it) (mixed-content.active)\n',
  );
});

test('a popup the page opens is recorded: Chromium replays what it reported before the recorder attached', async ({
  page,
  security,
}) => {
  await page.goto('https://good.lab.test/');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate(() => void window.open('https://mixed.lab.test/active')),
  ]);
  await popup.waitForLoadState('load');
  expect(await failure(expect(popup).toHaveNoMixedContent())).toContain(
    '\n[high] http://cdn.insecure.test/app.js: script (script[src]) over http on ',
  );
  // The opener is judged on what it loaded itself.
  await expect(page).toHaveNoMixedContent();
});

test('a page closed before the matcher runs still counts', async ({ context, security }) => {
  const page = await context.newPage();
  await page.goto('https://mixed.lab.test/active');
  await page.close();
  expect(await failure(expect(page).toHaveNoMixedContent())).toContain(
    '\n[high] http://cdn.insecure.test/app.js: script over http on ',
  );
  expect(test.info().annotations).toContainEqual({
    type: 'security note',
    description:
      'https://mixed.lab.test/active was closed before it was read: what it loaded, set and navigated to is judged, its final HTML (links, forms, references never requested) is not',
  });
});

test('a page the browser refused could not be measured, named by the URL asked for', async ({ page, security }) => {
  await page.goto('https://expired.keyreuse.lab.test/').catch(() => {});
  const lines = (await failure(expect(page).toHaveNoMixedContent())).split('\n');
  expect(lines[0]).toBe('toHaveNoMixedContent: 1 target could not be measured (https://expired.keyreuse.lab.test/)');
  expect(lines[1]).toBe(
    '[could not measure] a page the browser refused could not be measured, named by the URL asked for › https://expired.keyreuse.lab.test/: the page did not load: the browser refused the certificate: it has expired or is not valid yet (net::ERR_CERT_DATE_INVALID) (mixed-content)',
  );
  expect(lines).toHaveLength(2);
});

test('a test that does not name the security fixture is recorded all the same', async ({ page }) => {
  await page.goto('https://mixed.lab.test/active');
  expect(await failure(expect(page).toHaveNoMixedContent())).toContain(
    '\n[high] http://cdn.insecure.test/app.js: script (script[src]) over http on ',
  );
});

test.describe('with autoRecord off', () => {
  test.use({ securityOptions: { autoRecord: false } });

  test('a test that does not name the security fixture is not recorded, and the matcher says how to fix it', async ({
    page,
  }) => {
    await page.goto('https://good.lab.test/');
    expect(await failure(expect(page).toHaveNoMixedContent())).toMatch(
      /^No security recording for this page: securityOptions\.autoRecord is false, so add the `security` fixture/,
    );
  });

  test('a test that names it is recorded', async ({ page, security }) => {
    await page.goto('https://mixed.lab.test/active');
    expect(await failure(expect(page).toHaveNoMixedContent())).toContain(
      '\n[high] http://cdn.insecure.test/app.js: script (script[src]) over http on ',
    );
  });
});

// Firefox and WebKit have no CDP: here Chromium's is taken away, by a fixture over `context`
// that comes after the package's; autoRecord is off so that the recording starts after it, as
// in a suite that needs the CDP session for itself.
const withoutCdp = test.extend({
  context: async ({ context }, use) => {
    context.newCDPSession = () => Promise.reject(new Error('CDP session is only available in Chromium'));
    await use(context);
  },
});

withoutCdp.describe('without CDP', () => {
  withoutCdp.use({ securityOptions: { autoRecord: false } });

  withoutCdp(
    'without CDP the page checks still judge responses, Set-Cookie headers and the final HTML, and say what they missed',
    async ({ page, security }) => {
      await page.goto('https://mixed.lab.test/');
      expect(await failure(expect(page).toHaveNoMixedContent())).toContain(
        '\n[medium] http://cdn.insecure.test/img.png: image (img[src]) over http on ',
      );
      await page.goto('https://cookies.lab.test/');
      const cookies = await failure(expect(page.context()).toHaveSecureCookies());
      expect(cookies).toContain('\n[high] sessionid (https://cookies.lab.test/): ');
      expect(cookies).not.toContain('js_session'); // set by a script: only the jar, read through CDP, knows it
      expect(test.info().annotations).toContainEqual({
        type: 'security note',
        description:
          'the browser has no CDP (Chromium only): its own mixed-content reports and cookies set by scripts were not read',
      });
    },
  );
});
