// How the browser is made to trust the `ca` roots: the mode chosen from the platform and
// PATH, and the run's NSS database made with the real certutil.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issue } from '../../lab/pki.ts';
import { chooseBrowserTrust } from '../../src/browser/trust-mode.ts';
import { createNssDb, nssDbDir } from '../../src/browser/nss-db.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'browser-trust-unit-'));
/** A PATH whose only certutil is a stand-in: choosing the mode must not run it. */
const fakeBin = path.join(tmp, 'bin');
mkdirSync(fakeBin);
writeFileSync(path.join(fakeBin, 'certutil'), '#!/bin/sh\nexit 1\n');
chmodSync(path.join(fakeBin, 'certutil'), 0o755);
after(() => rmSync(tmp, { recursive: true, force: true }));

test('Linux with certutil on PATH: the run NSS database, in a HOME of its own', () => {
  assert.deepEqual(chooseBrowserTrust(true, { PATH: `/nonexistent${path.delimiter}${fakeBin}` }, 'linux'), {
    mode: 'nss-db',
    ownHome: true,
    certutil: path.join(fakeBin, 'certutil'),
    acceptVerifiedLeafKeys: false,
  });
});

test('Linux without certutil: the SPKI fallback, named with its fix and said in a notice', () => {
  const trust = chooseBrowserTrust(true, { PATH: tmp }, 'linux');
  assert.equal(trust.mode, 'spki-fallback (certutil not found: apt-get install libnss3-tools)');
  assert.equal(trust.acceptVerifiedLeafKeys, true);
  assert.equal(trust.certutil, undefined);
  assert.equal(trust.ownHome, true, "the user's own NSS database never counts");
  assert.match(
    trust.notice ?? '',
    /^browser trust: spki-fallback \(certutil not found.*\n.*\n.*loads in the browser as if valid\.\n.*apt-get install libnss3-tools$/,
  );
});

test('macOS and Windows read the system store: the fallback, whatever is on PATH', () => {
  for (const platform of ['darwin', 'win32'] as const) {
    const trust = chooseBrowserTrust(true, { PATH: fakeBin }, platform);
    assert.equal(trust.mode, `spki-fallback (Chromium on ${platform} does not read an NSS database)`);
    assert.equal(trust.acceptVerifiedLeafKeys, true);
    assert.equal(trust.ownHome, false);
    assert.ok(trust.notice);
  }
});

test('no ca: the browser keeps its own roots, nothing to add, nothing to say', () => {
  assert.deepEqual(chooseBrowserTrust(false, { PATH: fakeBin }, 'linux'), {
    mode: 'browser-roots (no ca)',
    ownHome: true,
    acceptVerifiedLeafKeys: false,
  });
  assert.deepEqual(chooseBrowserTrust(false, {}, 'darwin'), {
    mode: 'browser-roots (no ca)',
    ownHome: false,
    acceptVerifiedLeafKeys: false,
  });
});

test('the NSS database holds exactly the given roots, trusted for web sites', async () => {
  const certutil = chooseBrowserTrust(true).certutil;
  assert.ok(certutil, 'certutil is needed for this test: apt-get install libnss3-tools');
  const roots = await Promise.all(
    ['Root A', 'Root B'].map((commonName) => issue({ commonName, sans: null, isCa: true })),
  );
  const home = path.join(tmp, 'home');
  await createNssDb(
    certutil,
    home,
    roots.map((r) => r.certPem),
  );
  const listing = execFileSync(certutil, ['-d', `sql:${nssDbDir(home)}`, '-L'], { encoding: 'utf8' });
  const entries = listing
    .split('\n')
    .filter((l) => /^ca root/.test(l))
    .map((l) => l.replace(/\s+/g, ' ').trim());
  assert.deepEqual(entries, ['ca root 1 C,,', 'ca root 2 C,,']);
  for (const [i, root] of roots.entries()) {
    const pem: string = execFileSync(certutil, ['-d', `sql:${nssDbDir(home)}`, '-L', '-n', `ca root ${i + 1}`, '-a'], {
      encoding: 'utf8',
    });
    assert.equal(pem.replace(/\r/g, '').trim(), root.certPem.trim());
  }
});

test("a certificate certutil cannot read fails the database with certutil's own words", async () => {
  const certutil = chooseBrowserTrust(true).certutil!;
  await assert.rejects(
    createNssDb(certutil, path.join(tmp, 'bad'), ['not a certificate']),
    /failed: certutil: could not decode certificate/,
  );
});
