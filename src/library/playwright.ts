// Entry point "site-security-harness/playwright": the harness's checks inside a team's own
// Playwright tests. `test` adds the `security` fixture (and its `securityOptions`), `expect`
// the matchers; merge them into a suite's own with mergeTests and mergeExpects.
import path from 'node:path';
import { expect as baseExpect, test as base, type BrowserContext, type TestInfo } from '@playwright/test';
import { resolveOptions, type ResolvedOptions, type SecurityOptions } from './options.ts';
import { Recording } from './recording.ts';
import { Security } from './security.ts';
import { bindSession, unbindSession } from './session.ts';
import { securityMatchers } from './matchers.ts';

/** Said once per test where the browser has no CDP: which sources the page checks lose. */
const noCdp = (browser: string) =>
  `${browser} has no CDP (Chromium only): the page checks judge what the browser loaded over http, its responses and each page's final HTML; Chromium's own mixed-content reports (content blocked or upgraded and gone from the page) and cookies set by scripts are not seen. The host checks are unaffected.`;

/** For a typed config: `defineConfig<SecurityTestOptions>({ use: { securityOptions: { ... } } })`. */
export interface SecurityTestOptions {
  securityOptions: SecurityOptions;
}

/** The recording of each context, once started: by the context itself (autoRecord) or by the `security` fixture. */
const recorded = new WeakMap<BrowserContext, Security>();

/** Records `context` while `work` runs: the matchers find it through the context (session.ts). */
async function recording(
  context: BrowserContext,
  options: ResolvedOptions,
  browserName: string,
  testInfo: TestInfo,
  work: (security: Security) => Promise<void>,
): Promise<void> {
  const rec = await Recording.start(context, options.timeouts, testInfo.title);
  const security = new Security(options, rec, testInfo);
  if (browserName !== 'chromium') security.annotate('security note', noCdp(browserName));
  bindSession(context, security);
  recorded.set(context, security);
  try {
    await work(security);
  } finally {
    recorded.delete(context);
    unbindSession(context);
    await rec.stop();
  }
}

/** Relative paths (sitesFile, ca) start where the Playwright config is, as sites.json's ca starts beside it. */
const optionsOf = (securityOptions: SecurityOptions, testInfo: TestInfo): ResolvedOptions =>
  resolveOptions(
    securityOptions,
    testInfo.config.configFile ? path.dirname(testInfo.config.configFile) : testInfo.config.rootDir,
  );

export const test = base.extend<SecurityTestOptions & { security: Security }>({
  securityOptions: [{}, { option: true }],

  // Importing the package asks for security: every test that gets a browser context is recorded
  // from the context's first page on, whether it names `security` or not. Done where the context
  // is made, so a test that never opens a browser (an API test) starts none.
  context: async ({ context, securityOptions, browserName }, use, testInfo) => {
    const options = optionsOf(securityOptions, testInfo);
    if (!options.autoRecord) return use(context);
    await recording(context, options, browserName, testInfo, () => use(context));
  },

  security: [
    async ({ context, securityOptions, browserName }, use, testInfo) => {
      const started = recorded.get(context);
      if (started) return use(started);
      // autoRecord is off, or a fixture over `context` made the test's context after the recording one.
      await recording(context, optionsOf(securityOptions, testInfo), browserName, testInfo, use);
    },
    { box: true, title: 'security recording' },
  ],
});

export const expect = baseExpect.extend(securityMatchers);

export { securityMatchers };
export type { Security } from './security.ts';
export type { SecurityHost } from './session.ts';
export type { SecurityOptions, MatcherOptions, Acceptance } from './options.ts';
export type { Severity, Finding } from '../model/findings.ts';
