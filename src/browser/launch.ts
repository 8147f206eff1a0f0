// Launches the Chromium a scan drives: found as findChromium says, seeing hosts through
// connectTo, and trusting the `ca` roots as trust-mode.ts decides.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import type { ScanConfig } from '../model/site.ts';
import type { TrustStore } from '../net/net-context.ts';
import type { NetContext } from '../net/net-context.ts';
import { chromiumArgs, findChromium } from './chromium.ts';
import { chooseBrowserTrust } from './trust-mode.ts';
import { createNssDb } from './nss-db.ts';
import { hostsToLearn, verifiedLeafKeys } from './spki-fallback.ts';

/**
 * `workDir`: a private directory of the run, removed by the caller after the browser closes;
 * the browser's HOME and certificate database are made in it.
 * `trustMode`: how the browser trusts the `ca` roots, for the report ("nss-db", "spki-fallback (why)"...).
 */
export async function launchScanBrowser(
  config: ScanConfig,
  trust: TrustStore,
  net: NetContext,
  workDir: string,
): Promise<{ browser: Browser; trustMode: string }> {
  const found = findChromium();
  if (!found.ok) throw new Error(found.message);
  const plan = chooseBrowserTrust(trust.extraRoots.length > 0);
  const home = path.join(workDir, 'browser-home');
  if (plan.ownHome) mkdirSync(home, { recursive: true });
  if (plan.certutil) await createNssDb(plan.certutil, home, trust.extraRoots);
  const leafKeys = plan.acceptVerifiedLeafKeys
    ? await verifiedLeafKeys(
        net,
        hostsToLearn(
          config.sites.flatMap((s) => s.hosts),
          config.connectTo,
        ),
      )
    : [];
  const browser = await chromium.launch({
    executablePath: found.executablePath,
    args: chromiumArgs(config.connectTo, leafKeys),
    ...(plan.ownHome ? { env: { ...process.env, HOME: home } } : {}),
  });
  return { browser, trustMode: plan.mode };
}
