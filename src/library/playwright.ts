// Entry point "site-security-harness/playwright": the harness's checks inside a team's own
// Playwright tests. `test` adds the `security` fixture (and its `securityOptions`), `expect`
// the matchers; merge them into a suite's own with mergeTests and mergeExpects.
import path from 'node:path';
import { expect as baseExpect, test as base } from '@playwright/test';
import { resolveOptions, type SecurityOptions } from './options.ts';
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

export const test = base.extend<SecurityTestOptions & { security: Security }>({
  securityOptions: [{}, { option: true }],

  security: [
    async ({ context, securityOptions, browserName }, use, testInfo) => {
      // Relative paths (sitesFile, ca) start where the Playwright config is, as sites.json's ca starts beside it.
      const baseDir = testInfo.config.configFile ? path.dirname(testInfo.config.configFile) : testInfo.config.rootDir;
      const options = resolveOptions(securityOptions, baseDir);
      const recording = await Recording.start(context, options.timeouts, testInfo.title);
      const security = new Security(options, recording, testInfo);
      if (browserName !== 'chromium') security.annotate('security note', noCdp(browserName));
      bindSession(context, security);
      try {
        await use(security);
      } finally {
        unbindSession(context);
        await recording.stop();
      }
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
