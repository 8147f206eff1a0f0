// `npm run discover -- https://shop.example.com [options]`: discovery on one URL, printing a
// sites.json ready to scan (on stdout, or into --out) and what it left out, and why, on stderr:
//   npm run discover -- https://shop.example.com --out sites.json && npx playwright test
// Options: --out <file>, --config <sites.json> (its ca, connectTo and timeouts: to reach and trust
// the site as a scan would; copied as written), --max-pages N, --max-hosts N, --ct <crt.sh-compatible URL>.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHECKS } from '../src/checks/index.ts';
import { loadScanConfig } from '../src/config/load.ts';
import { exitOnConfigError, stopRun } from '../src/config/exit.ts';
import { httpsUrlProblem } from '../src/config/fields.ts';
import { sitesFileSchema } from '../src/config/schema.ts';
import { DEFAULT_TIMEOUTS } from '../src/model/defaults.ts';
import type { ScanConfig } from '../src/model/site.ts';
import { redactDeep, redactor } from '../src/model/redact.ts';
import { collectAllKinds, createCollectDeps } from '../src/evidence/collect.ts';
import { type BaseFields, starterSite, starterSitesFile } from '../src/evidence/starter-sites-file.ts';
import { findChromium } from '../src/browser/chromium.ts';

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        out: { type: 'string' },
        'max-pages': { type: 'string' },
        'max-hosts': { type: 'string' },
        ct: { type: 'string' },
      },
    });
  } catch (err) {
    return stopRun(`discover: ${(err as Error).message}`);
  }
})();

const url = positionals[0] ?? '';
const urlProblem =
  positionals.length === 1 ? httpsUrlProblem(url) : 'give exactly one URL, e.g. https://shop.example.com';
if (urlProblem) stopRun(`discover: ${urlProblem}`);
const count = (name: 'max-pages' | 'max-hosts'): number | undefined => {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 1000
    ? n
    : stopRun(`discover: --${name} must be a whole number from 1 to 1000`);
};

// The base sites file: validated like any sites file (exit 2 on bad input), its fields copied as written.
const base = values.config ? exitOnConfigError(() => loadScanConfig(CHECKS, path.resolve(values.config!))) : undefined;
const raw: BaseFields = values.config ? JSON.parse(readFileSync(path.resolve(values.config), 'utf8')) : {};
const site = starterSite(url, { maxPages: count('max-pages'), maxHosts: count('max-hosts'), ct: values.ct });
const config: ScanConfig = {
  sitesFile: base?.sitesFile ?? path.resolve('sites.json'),
  caFile: base?.caFile,
  connectTo: base?.connectTo ?? {},
  timeouts: base?.timeouts ?? { ...DEFAULT_TIMEOUTS },
  sites: [site],
  accept: [],
  secrets: base?.secrets ?? [],
};
const browser = findChromium();
if (!browser.ok) stopRun(browser.message);

const workDir = mkdtempSync(path.join(os.tmpdir(), 'site-security-discover-'));
const { deps, close } = createCollectDeps(config, workDir);
try {
  console.error(
    `discover: ${url} (at most ${site.discover?.pages ? site.discover.pages.maxPages : 0} pages and ${site.discover?.maxHosts} hosts)...`,
  );
  const evidence = await collectAllKinds(deps, site);
  const { file, notes } = starterSitesFile(site, evidence, {
    ...(raw.ca !== undefined ? { ca: raw.ca } : {}),
    ...(raw.connectTo !== undefined ? { connectTo: raw.connectTo } : {}),
    ...(raw.timeouts !== undefined ? { timeouts: raw.timeouts } : {}),
  });
  const checked = sitesFileSchema(CHECKS).safeParse(file);
  if (!checked.success) throw new Error(`the sites file made is not valid: ${checked.error.message}`);
  // Nothing found may carry a secret of the base file out, in any form.
  const clean = redactor(config.secrets);
  for (const note of notes) console.error(clean(`  ${note}`));
  const json = `${JSON.stringify(redactDeep(file, config.secrets), null, 2)}\n`;
  if (values.out) writeFileSync(path.resolve(values.out), json);
  else process.stdout.write(json);
  console.error(
    `discover: ${file.sites[0]!.subdomains?.length ?? 0} subdomain(s) and ${file.sites[0]!.pages?.length ?? 0} page(s); scan them with: ${values.out ? `SITES_FILE=${values.out} ` : ''}npx playwright test`,
  );
} finally {
  await close();
  rmSync(workDir, { recursive: true, force: true });
}
