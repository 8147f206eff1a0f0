// One test per site x check, parameterised from the sites file. Thin on purpose: the
// evidence comes from the collectors and the verdict from src/checks.
import { test } from '../../fixtures/scan.ts';
import { loadScanConfig } from '../../src/config/load.ts';
import { CHECKS } from '../../src/checks/index.ts';

const config = loadScanConfig();

// Declared check by check, so that parallel workers start on different sites and collect
// their evidence side by side instead of waiting for the same site's (titles stay "site › check").
for (const check of CHECKS) {
  for (const site of config.sites) {
    test.describe(site.name, () => {
      test(check.id, { tag: `@${check.id}`, annotation: { type: 'site', description: site.url } }, async ({ runCheck }) => {
        await runCheck(site, check);
      });
    });
  }
}
