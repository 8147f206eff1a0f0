// Lab sites on free ports, and how a Playwright project's own Chromium reaches them as a
// machine with the lab CA installed would: hosts mapped with --host-resolver-rules, the CA in
// an NSS database of the browser's own HOME. For the tests of the checks inside a team's tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startLab, type RunningLab } from './server.ts';
import { freePortBase } from './ports.ts';
import { labSitesFile } from './sites-file.ts';
import type { LabSite } from './types.ts';
import { chromiumArgs, findChromium } from '../src/browser/chromium.ts';
import { chooseBrowserTrust } from '../src/browser/trust-mode.ts';
import { createNssDb } from '../src/browser/nss-db.ts';

export interface BrowserLab {
  lab: RunningLab;
  caFile: string;
  connectTo: Record<string, string>;
  /** For the browser's launchOptions: `env` is the HOME to set over the environment. */
  launch: { executablePath?: string; args: string[]; home: string };
}

export async function startBrowserLab(sites: LabSite[], dir: string): Promise<BrowserLab> {
  const browser = findChromium();
  if (!browser.ok) throw new Error(browser.message);
  const { certutil } = chooseBrowserTrust(true);
  if (!certutil) throw new Error('certutil is needed to give the browser the lab CA: apt-get install libnss3-tools');
  const base = await freePortBase(sites);
  const lab = await startLab(base, dir, sites);
  const connectTo = labSitesFile(base, lab.caFile, sites).connectTo ?? {};
  const home = path.join(dir, 'browser-home');
  await createNssDb(certutil, home, [readFileSync(lab.caFile, 'utf8')]);
  return {
    lab,
    caFile: lab.caFile,
    connectTo,
    launch: {
      ...(browser.executablePath ? { executablePath: browser.executablePath } : {}),
      args: chromiumArgs(connectTo, []),
      home,
    },
  };
}
