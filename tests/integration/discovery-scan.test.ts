// Discovery through the real scan, on the lab's two discovery sites only (--grep): the forgotten
// hosts and pages fail the right checks with where they came from, the healthy site has nothing
// but the discovery notes, a sign-out link is never requested, and the third party with a bad
// certificate is never probed by Node nor judged.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS } from '../../src/checks/index.ts';
import { discoveryForgotten, discoveryHealthy } from '../../lab/sites/discovery.ts';
import { scanLab, type LabScan } from '../../lab/run-scan.ts';
import { expectedVerdict } from '../../lab/types.ts';
import { assertVerdict } from './lab-verdicts.ts';

let scan: LabScan;

before(async () => {
  scan = await scanLab(['--grep', 'discovery-']);
});
after(async () => {
  await scan?.lab.close();
});

describe('discovery in the scan of the lab', () => {
  for (const site of [discoveryForgotten, discoveryHealthy]) {
    for (const check of CHECKS) {
      const expected = expectedVerdict(site, check.id);
      test(`${site.name} / ${check.id}: ${expected.status}`, () =>
        assertVerdict(scan.summary, site.name, check.id, expected));
    }
  }

  test('only the discovery sites were scanned', () => {
    assert.deepEqual(
      scan.summary.sites.map((s) => s.name),
      [discoveryForgotten.name, discoveryHealthy.name],
    );
  });

  test('the sign-out link was never followed, nor the excluded page', () => {
    const asked = scan.lab.requests.filter((r) => r.host === 'shop.disc.lab.test').map((r) => r.url);
    assert.ok(asked.includes('/gen/4'), `the crawl ran: ${asked.join(' ')}`);
    assert.ok(!asked.some((u) => u.startsWith('/logout')), asked.join(' '));
    assert.ok(!asked.some((u) => u.startsWith('/private/')), asked.join(' '));
    // The bounds held: nothing past maxDepth 3 or maxPages 6 was asked for.
    assert.ok(!asked.some((u) => /^\/gen\/([5-9]|\d\d)/.test(u)), asked.join(' '));
  });

  test('the third party is listed as such, never probed from Node and never a finding', () => {
    const fromNode = scan.lab.requests.filter((r) => r.host === 'cdn.thirdparty.test');
    assert.deepEqual(fromNode, [], 'its self-signed certificate stops the browser, so any request came from a probe');
    const site = scan.summary.sites.find((s) => s.name === discoveryForgotten.name)!;
    const discovery = site.checks.find((c) => c.id === 'discovery') as { notes?: string[] } | undefined;
    assert.ok(discovery?.notes?.some((n) => n.includes('third parties') && n.includes('cdn.thirdparty.test')));
    for (const check of site.checks) for (const f of check.findings) assert.ok(!f.target.includes('thirdparty'));
  });
});
