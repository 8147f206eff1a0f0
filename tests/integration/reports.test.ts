// The reports, the gate and the CI path on a real scan of three lab sites (a host down, HSTS
// flaws with one finding accepted and one acceptance expired, certificate flaws): the console
// matrix and totals agree with summary.json, acceptance and the threshold change verdicts as
// documented, exit codes, the certificate expiry overview, and two shards merged into reports
// equal to the unsharded run, opened in Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startLab, type RunningLab } from '../../lab/server.ts';
import { freePortBase } from '../../lab/ports.ts';
import { labSitesFile } from '../../lab/sites-file.ts';
import { ROOT, runScan } from '../../lab/run-scan.ts';
import { LAB_ENV } from '../../lab/credentials.ts';
import { unreachable } from '../../lab/sites/transport.ts';
import { hsts } from '../../lab/sites/redirects.ts';
import { certificates } from '../../lab/sites/certificates.ts';
import { CHECKS } from '../../src/checks/index.ts';
import { HOST_UNREACHABLE } from '../../src/checks/unreachable.ts';
import { totalsLine, type Summary } from '../../src/report/summary.ts';
import { GATE_CODES } from '../../src/report/gate.ts';
import { findChromium } from '../../src/browser/chromium.ts';
import { serveFolder } from '../../scripts/serve-folder.ts';

const SITES = [unreachable, hsts, certificates];
const ACCEPT = [
  {
    code: 'hsts.malformed',
    site: 'hsts-flaws',
    reason: 'the legacy proxy is replaced in the next release',
    expires: '2099-12-31',
  },
  { code: 'hsts.short-max-age', reason: 'raised after the trial month', expires: '2020-01-31' },
];

let dir: string;
let lab: RunningLab;
let env: Record<string, string>;
/** Where one run writes everything it makes. */
const out = (run: string) => ({
  SUMMARY_FILE: path.join(dir, run, 'summary.json'),
  PLAYWRIGHT_HTML_OUTPUT_DIR: path.join(dir, run, 'html'),
  ALLURE_RESULTS_DIR: path.join(dir, run, 'allure-results'),
  GITHUB_STEP_SUMMARY: path.join(dir, run, 'step-summary.md'),
});
const scan = (run: string, args: string[] = [], extra: Record<string, string> = {}) =>
  runScan([`--output=${path.join(dir, run, 'test-results')}`, ...args], { ...env, ...out(run), ...extra });
const summaryOf = (run: string) => JSON.parse(readFileSync(out(run).SUMMARY_FILE, 'utf8')) as Summary;
const gate = (file: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gate.ts', file], { cwd: ROOT, encoding: 'utf8' });

let whole: Awaited<ReturnType<typeof runScan>>;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reports-'));
  const base = await freePortBase(SITES);
  lab = await startLab(base, dir, SITES);
  const sitesFile = path.join(dir, 'sites.json');
  const file = labSitesFile(base, lab.caFile, SITES, dir);
  writeFileSync(sitesFile, JSON.stringify({ ...file, accept: ACCEPT }, null, 2));
  env = { ...LAB_ENV, SITES_FILE: sitesFile, LAB: '0' };
  // A stale result of an earlier run: a run starts its Allure results afresh.
  mkdirSync(out('whole').ALLURE_RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(out('whole').ALLURE_RESULTS_DIR, 'stale-result.json'), '{}');
  whole = await scan('whole');
});
after(async () => {
  await lab?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const checkOf = (s: Summary, site: string, id: string) =>
  s.sites.find((x) => x.name === site)!.checks.find((c) => c.id === id)!;

describe('one run: console, summary.json, summary.md, Allure results', () => {
  test('exit code 1, and the gate tells findings (1)', () => {
    assert.equal(whole.status, 1, whole.output.slice(-3000));
    assert.equal(gate(out('whole').SUMMARY_FILE).status, GATE_CODES.findings);
  });

  test('a progress line per site, then the matrix and the totals once, as summary.json counts them', () => {
    const summary = summaryOf('whole');
    for (const site of SITES) assert.match(whole.output, new RegExp(`^  \\[\\d/3\\] ${site.name}: `, 'm'));
    assert.equal(whole.output.split('Totals: ').length - 1, 1, 'totals printed once');
    assert.ok(whole.output.includes(`Totals: ${totalsLine(summary)}\n`), whole.output.slice(-1500));
    const row = (site: string) =>
      whole.output
        .split('\n')
        .filter((l) => l.startsWith(`${site} `) && !l.includes('›'))
        .at(-1)!
        .slice(site.length)
        .trim()
        .split(/\s+/);
    const marks = { passed: '✓', warning: '!', error: '?', skipped: '-' } as Record<string, string>;
    for (const site of summary.sites) {
      assert.deepEqual(
        row(site.name),
        site.checks.map((c) =>
          c.status === 'failed' ? `✘${c.findings[0]!.severity[0]!.toUpperCase()}` : marks[c.status],
        ),
        site.name,
      );
    }
    assert.deepEqual(row('hsts-flaws')[CHECKS.findIndex((c) => c.id === 'hsts')], '✘H');
  });

  test('an unreachable host is one line per host, naming the checks it held back', () => {
    const summary = summaryOf('whole');
    // Hosts that answer on 443 with no TLS handshake at all (a mute host completes TLS, then stays silent: it is reachable).
    const dead = new Set(
      unreachable.hosts.filter((h) => h.https.kind !== 'serve' && h.https.kind !== 'mute').map((h) => h.host),
    );
    for (const c of summary.sites.find((s) => s.name === 'unreachable-hosts')!.checks) {
      if (c.id !== 'https-port-443')
        for (const u of c.unmeasured.filter((x) => dead.has(x.target)))
          assert.equal(u.reason, HOST_UNREACHABLE, `${c.id} ${u.target}`);
    }
    const lines = whole.output.split('\n').filter((l) => l.includes(HOST_UNREACHABLE));
    assert.equal(lines.length, 4, lines.join('\n'));
    assert.match(
      lines.find((l) => l.includes('refused.ports.lab.test'))!,
      /\[http-redirect, no-downgrade, hsts, certificate-trust, .*tls-ciphers\]$/,
    );
  });

  test('an acceptance in force is an accepted note; an expired one fails again and says it expired', () => {
    const summary = summaryOf('whole');
    const check = checkOf(summary, 'hsts-flaws', 'hsts');
    assert.equal(check.status, 'failed');
    assert.deepEqual(
      check.accepted.map((f) => [f.code, f.target, f.acceptance.reason]),
      [['hsts.malformed', 'https://malformed.hsts.lab.test/', ACCEPT[0]!.reason]],
    );
    assert.deepEqual(
      summary.accepted.map((a) => [a.site, a.code, a.expires]),
      [['hsts-flaws', 'hsts.malformed', '2099-12-31']],
    );
    const expired = check.findings.find((f) => f.code === 'hsts.short-max-age')!;
    assert.deepEqual(expired.acceptance, { reason: ACCEPT[1]!.reason, expires: '2020-01-31', expired: true });
    assert.match(
      whole.output,
      /\[medium\] https:\/\/short\.hsts\.lab\.test\/: .* \(hsts\.short-max-age\) \(the acceptance of this finding expired on 2020-01-31: "raised after the trial month"\)/,
    );
    assert.match(
      whole.output,
      /\[accepted until 2099-12-31\] \[high\] https:\/\/malformed\.hsts\.lab\.test\/: .*because: the legacy proxy/,
    );
    assert.deepEqual(summary.findingsByCode['hsts.malformed'], undefined, 'an accepted finding is not counted');
  });

  test('summary.json counts findings by severity and code; summary.md is beside it and in the step summary', () => {
    const summary = summaryOf('whole');
    // What the lab sites declare, less the finding accepted in force.
    const expected = { critical: 0, high: 0, medium: 0, low: 0, info: 0 } as Record<string, number>;
    for (const site of SITES) {
      for (const check of Object.values(site.expect)) {
        for (const [severity, code] of check.findings ?? [])
          if (!(site.name === 'hsts-flaws' && code === ACCEPT[0]!.code)) expected[severity]!++;
      }
    }
    assert.deepEqual(summary.findingsBySeverity, expected);
    assert.equal(summary.findingsByCode['hsts.missing'], 2);
    const md = readFileSync(out('whole').SUMMARY_FILE.replace(/json$/, 'md'), 'utf8');
    assert.equal(readFileSync(out('whole').GITHUB_STEP_SUMMARY, 'utf8'), md);
    assert.match(md, /^\| hsts-flaws \| ✓ \| ✓ \| ✓ \| ✘ high \|/m);
    assert.match(md, /^## Accepted findings$/m);
  });

  test('certificate expiry: every host soonest first, in summary.md and on the certificate-validity test', () => {
    const summary = summaryOf('whole');
    const hosts = SITES.flatMap((s) => s.hosts.map((h) => h.host));
    assert.deepEqual(summary.certificates.map((c) => c.host).sort(), [...hosts].sort());
    const dated = summary.certificates.filter((c) => c.daysLeft !== undefined);
    assert.deepEqual(
      dated.map((c) => c.daysLeft),
      dated.map((c) => c.daysLeft).sort((a, b) => a! - b!),
    );
    assert.deepEqual(
      dated.slice(0, 2).map((c) => [c.host, c.expired]),
      [
        ['expired.certs.lab.test', true],
        ['expiring.certs.lab.test', false],
      ],
    );
    assert.equal(summary.certificates.at(-1)!.problem, HOST_UNREACHABLE);
    const md = readFileSync(out('whole').SUMMARY_FILE.replace(/json$/, 'md'), 'utf8');
    assert.match(
      md,
      /## Certificate expiry[\s\S]*\n\| expired \d+ day\(s\) ago \| \d{4}-\d\d-\d\d \| certificate-flaws \| expired\.certs\.lab\.test \|/,
    );
    const results = path.join(dir, 'whole', 'test-results');
    const folder = readdirSync(results).find((f) => f.includes('certificate-flaws-certificate-validity'))!;
    const tables = readdirSync(path.join(results, folder))
      .filter((f) => f.endsWith('.html'))
      .map((f) => readFileSync(path.join(results, folder, f), 'utf8'));
    assert.ok(
      tables.some(
        (t) =>
          t.includes('<title>certificate expiry: certificate-flaws › certificate-validity</title>') &&
          t.includes('expired.certs.lab.test'),
      ),
    );
  });

  test('Allure results: a fresh folder, severity and status from the verdict, no metadata attachments', () => {
    const folder = out('whole').ALLURE_RESULTS_DIR;
    assert.ok(!existsSync(path.join(folder, 'stale-result.json')), 'results of an earlier run are gone');
    const results = readdirSync(folder)
      .filter((f) => f.endsWith('-result.json'))
      .map(
        (f) =>
          JSON.parse(readFileSync(path.join(folder, f), 'utf8')) as {
            name: string;
            status: string;
            labels: { name: string; value: string }[];
            attachments: { name: string }[];
            steps: { attachments: { name: string }[] }[];
          },
      );
    assert.equal(results.length, SITES.length * CHECKS.length);
    const find = (site: string, check: string) =>
      results.find((r) => r.labels.some((l) => l.name === 'site' && l.value === site) && r.name === check)!;
    const label = (r: ReturnType<typeof find>, name: string) => r.labels.find((l) => l.name === name)?.value;
    assert.equal(label(find('hsts-flaws', 'hsts'), 'severity'), 'critical');
    assert.equal(find('unreachable-hosts', 'tls-ciphers').status, 'broken');
    assert.equal(find('unreachable-hosts', 'https-port-443').status, 'failed');
    const names = results.flatMap((r) =>
      [...r.attachments, ...r.steps.flatMap((s) => s.attachments)].map((a) => a.name),
    );
    assert.ok(
      !names.some((n) => /allure/i.test(n)),
      `metadata attachments: ${names.filter((n) => /allure/i.test(n)).join(', ')}`,
    );
  });
});

describe('threshold, could-not-measure and --list', () => {
  test('FAIL_ON=critical: the HSTS findings are warnings, the run exits 0, the gate says clean', async () => {
    const run = await scan('critical', ['--grep', 'hsts-flaws'], { FAIL_ON: 'critical' });
    assert.equal(run.status, 0, run.output.slice(-2000));
    const check = checkOf(summaryOf('critical'), 'hsts-flaws', 'hsts');
    assert.equal(check.status, 'warning');
    assert.equal(check.failOn, 'critical');
    assert.equal(gate(out('critical').SUMMARY_FILE).status, GATE_CODES.clean);
  });

  test('only could-not-measure: Playwright exits 1, the gate exits 3', async () => {
    const run = await scan('unmeasured', ['--grep', 'unreachable-hosts', '--grep-invert', 'https-port-443']);
    assert.equal(run.status, 1, run.output.slice(-2000));
    const summary = summaryOf('unmeasured');
    assert.equal(summary.totals.failed, 0);
    assert.ok(summary.totals.error > 0);
    assert.equal(gate(out('unmeasured').SUMMARY_FILE).status, GATE_CODES.couldNotMeasure);
  });

  test('--list leaves summary.json and summary.md alone', async () => {
    const file = out('whole').SUMMARY_FILE;
    const before = [readFileSync(file, 'utf8'), statSync(file).mtimeMs];
    const run = await runScan(['--list'], { ...env, ...out('whole') });
    assert.equal(run.status, 0, run.output);
    assert.deepEqual([readFileSync(file, 'utf8'), statSync(file).mtimeMs], before);
  });
});

describe('sharded as in CI: two shards, one merge', () => {
  let merged: Summary;
  let browser: Browser;

  before(async () => {
    const blobs = path.join(dir, 'blobs');
    mkdirSync(blobs);
    for (const shard of [1, 2]) {
      const blobDir = path.join(dir, `blob-${shard}`);
      const run = await scan(
        `shard-${shard}`,
        [`--shard=${shard}/2`, '--reporter=blob,./reporters/console-reporter.ts,./reporters/plan-reporter.ts'],
        { PLAYWRIGHT_BLOB_OUTPUT_DIR: blobDir },
      );
      assert.equal(run.status, 1, run.output.slice(-2000));
      // As CI's download-artifact with merge-multiple: every shard's zip in one folder.
      for (const f of readdirSync(blobDir)) cpSync(path.join(blobDir, f), path.join(blobs, f));
    }
    const merge = spawnSync('npx', ['playwright', 'merge-reports', '--config', 'merge.config.ts', blobs], {
      cwd: ROOT,
      env: { ...process.env, ...out('merged') },
      encoding: 'utf8',
    });
    assert.equal(merge.status, 0, `${merge.stdout}${merge.stderr}`);
    merged = summaryOf('merged');
    const allure = spawnSync(
      'npx',
      ['allure', 'generate', out('merged').ALLURE_RESULTS_DIR, '--output', path.join(dir, 'merged', 'allure-report')],
      {
        cwd: ROOT,
        env: { ...process.env, ALLURE_HISTORY_PATH: path.join(dir, 'merged', 'history.jsonl') },
        encoding: 'utf8',
      },
    );
    assert.equal(allure.status, 0, `${allure.stdout}${allure.stderr}`);
    const choice = findChromium();
    assert.ok(choice.ok, 'a Chromium is needed');
    browser = await chromium.launch({ executablePath: choice.executablePath });
  });
  after(async () => {
    await browser?.close();
  });

  test('each site went to one shard only', () => {
    const sitesOf = (shard: number) =>
      readFileSync(path.join(dir, `shard-${shard}`, 'test-results', '..', 'summary.json'), 'utf8');
    assert.throws(() => sitesOf(1), 'a shard with blob reporters writes no summary of its own');
    const collected = [1, 2].map((shard) =>
      readdirSync(path.join(dir, `shard-${shard}`, 'test-results')).map(
        (f) => SITES.find((s) => f.includes(s.name))?.name,
      ),
    );
    const [one, two] = collected.map((names) => new Set(names.filter(Boolean)));
    assert.deepEqual(
      [...one!].filter((s) => two!.has(s)),
      [],
    );
  });

  test('the merged summary equals the unsharded run', () => {
    const whole = summaryOf('whole');
    const shape = (s: Summary) => ({
      totals: s.totals,
      findingsBySeverity: s.findingsBySeverity,
      findingsByCode: s.findingsByCode,
      accepted: s.accepted,
      certificates: s.certificates.map((c) => [c.site, c.host, c.daysLeft]),
      sites: Object.fromEntries(
        s.sites.map((site) => [
          site.name,
          Object.fromEntries(
            site.checks.map((c) => [
              c.id,
              [
                c.status,
                c.findings.map((f) => `${f.severity} ${f.code} ${f.target}`),
                c.unmeasured.map((u) => u.target),
                c.accepted.map((f) => f.code),
              ],
            ]),
          ),
        ]),
      ),
    });
    assert.deepEqual(shape(merged), shape(whole));
    for (const site of merged.sites)
      assert.deepEqual(
        site.checks.map((c) => c.id),
        CHECKS.map((c) => c.id),
        site.name,
      );
  });

  async function open(folder: string, body: (page: Page) => Promise<void>): Promise<void> {
    const server = await serveFolder(folder);
    const page = await browser.newPage();
    try {
      await page.goto(server.url);
      await body(page);
    } finally {
      await page.close();
      await server.close();
    }
  }

  test('the merged Playwright HTML report: every site x check once, and a failed check shows its findings with severity', async () => {
    await open(out('merged').PLAYWRIGHT_HTML_OUTPUT_DIR, async (page) => {
      const titles: string[] = [];
      // The report lists passed and failed tests under "All", skipped ones under their own filter.
      for (const filter of ['Passed', 'Failed', 'Skipped']) {
        const link = page.getByRole('link', { name: new RegExp(`^${filter}\\d+$`) });
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
        const count = Number((await link.innerText()).replace(/\D/g, ''));
        await link.click();
        const listed = page.getByRole('link', { name: / › / });
        for (let waited = 0; (await listed.count()) !== count && waited < 10_000; waited += 100)
          await page.waitForTimeout(100);
        titles.push(...(await listed.allInnerTexts()));
      }
      const expected = SITES.flatMap((s) => CHECKS.map((c) => `${s.name} › ${c.id}`));
      assert.deepEqual([...titles].sort(), [...expected].sort());
      await page.getByRole('link', { name: /^Failed\d+$/ }).click();
      await page.getByRole('link', { name: 'hsts-flaws › hsts', exact: true }).click();
      await page
        .getByText('[high] https://none.hsts.lab.test/: no Strict-Transport-Security header (hsts.missing)')
        .waitFor();
      await page.getByRole('link', { name: 'findings' }).waitFor();
    });
  });

  test('the Allure report of the merge: the failed check with its severity and findings', async () => {
    await open(path.join(dir, 'merged', 'allure-report'), async (page) => {
      // The failed checks, grouped by site: hsts-flaws' hsts (certificate-flaws fails hsts too).
      await page.getByRole('button', { name: /^Failed \d+$/ }).click();
      const site = page
        .getByTestId('tree-section')
        .filter({ has: page.getByTestId('tree-section-title').filter({ hasText: /^hsts-flaws$/ }) });
      await site
        .locator('xpath=..')
        .getByTestId('tree-leaf-title')
        .filter({ hasText: /^hsts$/ })
        .click();
      await page.getByRole('heading', { name: 'hsts' }).waitFor();
      await page
        .getByText(/Critical/)
        .first()
        .waitFor();
      await page
        .getByText(/\[high\] https:\/\/none\.hsts\.lab\.test\/: no Strict-Transport-Security header \(hsts\.missing\)/)
        .first()
        .waitFor();
      await page.getByText('Category: Transport, redirects and HSTS').waitFor();
    });
  });
});
