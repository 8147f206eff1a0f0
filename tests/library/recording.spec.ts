// What the security fixture records: pages the test opens itself, popups closed before a
// matcher runs, everything a page showed during the test, pages the browser refused, and
// a browser without CDP. Each test expects the matcher's failure and pins its lines.
// biome-ignore-all lint/correctness/noUnusedFunctionParameters: a fixture is asked for by name: `security` starts the recording
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
    '\n[high] hsts.missing https://hsts.lab.test/nohsts: no Strict-Transport-Security header\n',
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
    '\n[high] mixed-content.active http://cdn.insecure.test/app.js: script over http on a matcher judges everything the page showed during the test, not only the page at the end › https://mixed.lab.test/active: blocked by the browser (the page is missing it)\n',
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
    '\n[high] mixed-content.active http://cdn.insecure.test/app.js: ',
  );
  // The opener is judged on what it loaded itself.
  await expect(page).toHaveNoMixedContent();
});

test('a page closed before the matcher runs still counts', async ({ context, security }) => {
  const page = await context.newPage();
  await page.goto('https://mixed.lab.test/active');
  await page.close();
  expect(await failure(expect(page).toHaveNoMixedContent())).toContain(
    '\n[high] mixed-content.active http://cdn.insecure.test/app.js: ',
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
    '[could not measure] mixed-content a page the browser refused could not be measured, named by the URL asked for › https://expired.keyreuse.lab.test/: the page did not load: net::ERR_CERT_DATE_INVALID',
  );
  expect(lines).toHaveLength(2);
});

// Firefox and WebKit have no CDP: here Chromium's is taken away.
const withoutCdp = test.extend({
  context: async ({ context }, use) => {
    context.newCDPSession = () => Promise.reject(new Error('CDP session is only available in Chromium'));
    await use(context);
  },
});

withoutCdp(
  'without CDP the page checks still judge responses, Set-Cookie headers and the final HTML, and say what they missed',
  async ({ page, security }) => {
    await page.goto('https://mixed.lab.test/');
    expect(await failure(expect(page).toHaveNoMixedContent())).toContain(
      '\n[medium] mixed-content.passive http://cdn.insecure.test/img.png: image (img[src]) over http on ',
    );
    await page.goto('https://cookies.lab.test/');
    const cookies = await failure(expect(page.context()).toHaveSecureCookies());
    expect(cookies).toContain('\n[high] cookie-secure.missing-secure sessionid (https://cookies.lab.test/): ');
    expect(cookies).not.toContain('js_session'); // set by a script: only the jar, read through CDP, knows it
    expect(test.info().annotations).toContainEqual({
      type: 'security note',
      description:
        'the browser has no CDP (Chromium only): its own mixed-content reports and cookies set by scripts were not read',
    });
  },
);
