// One test per site x check, parameterised from the sites file. Thin on purpose: the
// evidence comes from the run's collection process and the verdict from src/checks.
import { test } from './fixtures.ts';
import { specScanConfig } from '../src/evidence/run-config.ts';
import { CHECKS } from '../src/checks/index.ts';
import { redactor } from '../src/model/redact.ts';

const config = await specScanConfig();
// What a test carries from the sites file when it is defined reaches every report as is.
const clean = redactor(config.secrets);

for (const site of config.sites) {
  test.describe(site.name, () => {
    // A site's checks run in order in one worker and form one group, so that --shard splits
    // the run by site: no site is collected by two shards.
    test.describe.configure({ mode: 'default' });
    for (const check of CHECKS) {
      test(check.id, { tag: `@${check.id}`, annotation: { type: 'site', description: clean(site.url) } }, async ({
        runCheck,
      }) => {
        await runCheck(site, check);
      });
    }
  });
}
