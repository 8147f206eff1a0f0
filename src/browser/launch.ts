// Launches the Chromium a scan drives: found as findChromium says, seeing hosts through
// connectTo, and accepting exactly the certificates Node verifies (see trusted-keys.ts).
import { chromium, type Browser } from '@playwright/test';
import type { ScanConfig } from '../config/load.ts';
import type { TrustStore } from '../net/trust.ts';
import type { NetContext } from '../collectors/net-context.ts';
import { chromiumArgs, findChromium } from './chromium.ts';
import { hostsToLearn, verifiedLeafKeys } from './trusted-keys.ts';

export async function launchScanBrowser(config: ScanConfig, trust: TrustStore, net: NetContext): Promise<Browser> {
  const found = findChromium();
  if (!found.ok) throw new Error(found.message);
  const accepted =
    trust.extraSpkiHashes.length === 0
      ? []
      : [...trust.extraSpkiHashes, ...(await verifiedLeafKeys(net, hostsToLearn(config.sites.flatMap((s) => s.hosts), config.connectTo)))];
  return chromium.launch({ executablePath: found.executablePath, args: chromiumArgs(config.connectTo, accepted) });
}
