// The whole harness against the local test sites: every planted flaw must be reported with
// the right check id, severity and target, nothing else may be reported, and the clean
// site must pass every check. Expectations live beside each planted flaw in lab/sites/;
// the matching is in lab-verdicts.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS } from '../../src/checks/index.ts';
import { LAB_SITES } from '../../lab/sites/index.ts';
import { scanLab, type LabScan } from '../../lab/run-scan.ts';
import { labVerdictTests } from './lab-verdicts.ts';

let scan: LabScan;

before(async () => {
  scan = await scanLab();
});
after(async () => {
  await scan?.lab.close();
});

describe('scan of the local test sites', () => {
  test('summary.json has the documented shape', () => {
    const { summary } = scan;
    assert.equal(summary.version, 1);
    assert.ok(!Number.isNaN(Date.parse(summary.startedAt)) && !Number.isNaN(Date.parse(summary.finishedAt)));
    assert.match(summary.sitesFile, /sites\.json$/);
    assert.deepEqual(
      summary.sites.map((s) => s.name),
      LAB_SITES.map((s) => s.name),
    );
    for (const site of summary.sites) {
      // A top-level API's group shows its first endpoint, or its OpenAPI document when it lists none.
      assert.match(site.url, /^(https|file):\/\//);
      assert.deepEqual(site.checks.map((c) => c.id).sort(), CHECKS.map((c) => c.id).sort());
    }
  });

  test('the browser trusted the lab CA from its own NSS database, as recorded in the environment', () => {
    // The key-reuse sites expect the browser's own certificate errors: the SPKI fallback cannot give them.
    assert.equal(scan.summary.environment.browserTrust, 'nss-db', 'certutil is needed: apt-get install libnss3-tools');
    assert.doesNotMatch(scan.output, /spki-fallback/);
  });

  test("each site's evidence is collected once per kind, even though failing tests replace workers", () => {
    const collected = [...scan.output.matchAll(/collected (\w+) evidence for (\S+) in \d+ ms/g)].map(
      (m) => `${m[2]} ${m[1]}`,
    );
    const kinds = [...new Set(CHECKS.flatMap((c) => c.needs))].sort();
    const expected = LAB_SITES.flatMap((site) => kinds.map((kind) => `${site.name} ${kind}`));
    assert.deepEqual([...collected].sort(), [...expected].sort());
  });

  test('the scan fails (exit code 1) because planted flaws fail their tests', () => {
    assert.equal(scan.exitCode, 1, scan.output.slice(-2000));
  });

  labVerdictTests(() => scan.summary);
});
