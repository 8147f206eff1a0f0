// The browser the scan launches trusts exactly the sites file's `ca` roots, as a browser with
// that CA installed: real Chromium, lab certificates made at start. With its own NSS database
// it loads the clean site as "secure" and refuses a bad certificate on a reused key with the
// browser's own error; without certutil on PATH the fallback says so once and never trusts a root's key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import type { Browser } from '@playwright/test';
import { startLab, type RunningLab } from '../../lab/server.ts';
import { freePortBase } from '../../lab/ports.ts';
import { labSitesFile } from '../../lab/sites-file.ts';
import { runScan, type Summary } from '../../lab/run-scan.ts';
import { LAB_ENV } from '../../lab/credentials.ts';
import { good } from '../../lab/sites/good.ts';
import { keyReuseExpired, keyReuseWrongName } from '../../lab/sites/key-reuse.ts';
import { parseScanConfig } from '../../src/config/load.ts';
import type { ScanConfig } from '../../src/model/site.ts';
import { loadTrustStore } from '../../src/config/trust-store.ts';
import type { TrustStore } from '../../src/net/net-context.ts';
import type { NetContext } from '../../src/net/net-context.ts';
import { launchScanBrowser } from '../../src/browser/launch.ts';
import { hostsToLearn, spkiHash, verifiedLeafKeys } from '../../src/browser/spki-fallback.ts';
import { CHECKS } from '../../src/checks/index.ts';

const SITES = [good, keyReuseExpired, keyReuseWrongName];
let dir: string;
let lab: RunningLab;
let config: ScanConfig;
let trust: TrustStore;
let net: NetContext;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'browser-trust-'));
  const base = await freePortBase(SITES);
  lab = await startLab(base, dir, SITES);
  const sitesFile = path.join(dir, 'sites.json');
  // The clean site's flows read the lab shop's credentials as ${VAR}s.
  config = parseScanConfig(CHECKS, JSON.stringify(labSitesFile(base, lab.caFile, SITES)), sitesFile, { ...LAB_ENV });
  trust = loadTrustStore(config.caFile);
  net = { connectTo: config.connectTo, ca: trust.ca, timeouts: config.timeouts };
});
after(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Loads a URL in a fresh page: the browser's error, or the security state it showed. */
async function load(browser: Browser, url: string): Promise<{ error?: string; securityState?: string }> {
  const page = await browser.newPage();
  try {
    const cdp = await page.context().newCDPSession(page);
    let securityState: string | undefined;
    cdp.on('Security.visibleSecurityStateChanged', (e) => (securityState = e.visibleSecurityState.securityState));
    await cdp.send('Security.enable');
    const response = await page.goto(url, { timeout: 10_000 });
    assert.equal(response?.status(), 200, url);
    return { securityState };
  } catch (err) {
    return { error: String(err) };
  } finally {
    await page.close();
  }
}

/** Launches the scan browser with PATH as given (certutil is found through PATH). */
async function launchWithPath(
  PATH: string | undefined,
): Promise<{ browser: Browser; trustMode: string; workDir: string }> {
  const saved = process.env.PATH;
  process.env.PATH = PATH;
  try {
    const workDir = mkdtempSync(path.join(dir, 'run-'));
    return { ...(await launchScanBrowser(config, trust, net, workDir)), workDir };
  } finally {
    process.env.PATH = saved;
  }
}

describe('with certutil: the ca roots in the run NSS database', () => {
  let run: Awaited<ReturnType<typeof launchWithPath>>;
  before(async () => {
    run = await launchWithPath(process.env.PATH);
  });
  after(async () => {
    await run?.browser.close();
  });

  test('the mode is nss-db', () => assert.equal(run.trustMode, 'nss-db'));

  test("the clean site's pages load as secure", async () => {
    for (const page of good.pages)
      assert.deepEqual(await load(run.browser, `https://good.lab.test${page}`), { securityState: 'secure' });
  });

  test('the owner of the reused key loads; the expired and wrong-name certificates on its key do not', async () => {
    assert.deepEqual(await load(run.browser, 'https://keyreuse.lab.test/'), { securityState: 'secure' });
    assert.match(
      (await load(run.browser, 'https://expired.keyreuse.lab.test/')).error ?? '',
      /net::ERR_CERT_DATE_INVALID/,
    );
    assert.match(
      (await load(run.browser, 'https://wrongname.keyreuse.lab.test/')).error ?? '',
      /net::ERR_CERT_COMMON_NAME_INVALID/,
    );
  });
});

describe('without certutil: the SPKI fallback', () => {
  let run: Awaited<ReturnType<typeof launchWithPath>>;
  before(async () => {
    run = await launchWithPath(mkdtempSync(path.join(dir, 'empty-path-')));
  });
  after(async () => {
    await run?.browser.close();
  });

  test('the mode says why and how to avoid it', () => {
    assert.equal(run.trustMode, 'spki-fallback (certutil not found: apt-get install libnss3-tools)');
  });

  test("the clean site's pages still load as secure", async () => {
    for (const page of good.pages)
      assert.deepEqual(await load(run.browser, `https://good.lab.test${page}`), { securityState: 'secure' });
  });

  test('only leaf keys: never the root, never a key that a probed host shows with a rejected certificate', async () => {
    const keys = await verifiedLeafKeys(
      net,
      hostsToLearn(
        config.sites.flatMap((s) => s.hosts),
        config.connectTo,
      ),
    );
    assert.equal(keys.length, good.hosts.length, 'one key per verified host of the clean site');
    assert.ok(!keys.includes(spkiHash(new X509Certificate(trust.extraRoots[0]!))), 'the root key is not accepted');
    for (const url of [
      'https://keyreuse.lab.test/',
      'https://expired.keyreuse.lab.test/',
      'https://wrongname.keyreuse.lab.test/',
    ]) {
      assert.match((await load(run.browser, url)).error ?? '', /net::ERR_CERT_/, url);
    }
  });
});

test('a scan without certutil says so once, and records the fallback in the environment', async () => {
  // A PATH with what `npx playwright test` needs, and no certutil.
  const bin = path.join(dir, 'bin-without-certutil');
  mkdirSync(bin);
  for (const program of ['node', 'npx', 'sh'])
    symlinkSync(execFileSync('which', [program], { encoding: 'utf8' }).trim(), path.join(bin, program));
  // Only the Node-side check of a closed port: no browser needed to see what the run says.
  const sitesFile = path.join(dir, 'fallback-sites.json');
  writeFileSync(
    sitesFile,
    JSON.stringify({
      ca: lab.caFile,
      connectTo: { 'closed.test:443': '127.0.0.1:1' },
      sites: [{ name: 'closed', url: 'https://closed.test/' }],
    }),
  );
  const summaryFile = path.join(dir, 'fallback-summary.json');
  const run = await runScan(
    [
      '--grep',
      'https-port-443',
      '--reporter=line,./reporters/summary-reporter.ts',
      `--output=${path.join(dir, 'fallback-results')}`,
    ],
    {
      PATH: bin,
      SITES_FILE: sitesFile,
      SUMMARY_FILE: summaryFile,
      LAB: '0',
    },
  );
  const mode = 'spki-fallback (certutil not found: apt-get install libnss3-tools)';
  assert.equal(run.output.split(`browser trust: ${mode}.`).length - 1, 1, run.output);
  assert.match(run.output, /To judge certificates as a browser with the CA installed: apt-get install libnss3-tools/);
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  assert.equal(summary.environment.browserTrust, mode);
});
