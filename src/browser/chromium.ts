// Which Chromium to drive, and the flags that make it see hosts as the user configured:
// Playwright's own build when installed, else CHROMIUM_PATH, else a system Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumResolverRules, type ConnectToRules } from '../net/connect-to.ts';

const SYSTEM_PATHS = [
  '/usr/lib/chromium/chromium',
  '/usr/lib/chromium-browser/chromium-browser',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

export type ChromiumChoice = { ok: true; executablePath?: string; source: string } | { ok: false; message: string };

export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  bundled: string = chromium.executablePath(),
  systemPaths: readonly string[] = SYSTEM_PATHS,
): ChromiumChoice {
  if (env.CHROMIUM_PATH) {
    return existsSync(env.CHROMIUM_PATH)
      ? { ok: true, executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
      : { ok: false, message: `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but no file is there.` };
  }
  if (bundled && existsSync(bundled)) return { ok: true, source: "Playwright's Chromium" };
  const system = systemPaths.find((p) => existsSync(p));
  if (system) return { ok: true, executablePath: system, source: 'system Chromium' };
  return {
    ok: false,
    message: [
      'No Chromium found. Fix one of these:',
      "  - install Playwright's browser:   npx playwright install chromium",
      '  - or install a system Chromium:    sudo apt-get install chromium   (Debian/Ubuntu)',
      '    and, if it is not in a standard place, point to it: CHROMIUM_PATH=/path/to/chromium',
    ].join('\n'),
  };
}

/** "Chromium 156.0.8078.73" or similar, for the report's environment; never throws. */
export function chromiumVersion(choice: ChromiumChoice): string {
  if (!choice.ok) return 'none';
  try {
    const bin = choice.executablePath ?? chromium.executablePath();
    return execFileSync(bin, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

/** `acceptedLeafKeys`: the SPKI fallback's keys (spki-fallback.ts); empty when the browser reads the ca roots itself. */
export function chromiumArgs(connectTo: ConnectToRules, acceptedLeafKeys: string[]): string[] {
  const args = ['--disable-background-networking', '--disable-component-update', '--no-first-run'];
  const rules = chromiumResolverRules(connectTo);
  if (rules) args.push(`--host-resolver-rules=${rules}`);
  // Unlike ignoreHTTPSErrors, pages on these keys stay "secure", so HSTS and mixed content behave as in production.
  if (acceptedLeafKeys.length > 0) args.push(`--ignore-certificate-errors-spki-list=${acceptedLeafKeys.join(',')}`);
  return args;
}
