// Secrets never reach an artifact. A real scan runs flows that type secrets (a user name with
// spaces and "+", a password with quotes, "&" and "é", a card number, single sign-on
// credentials), with secrets also placed in a page path, in a query value the server echoes
// back, and in a cookie-ignore reason; the lab echoes the user name into a page title, URL and
// cookie; an API's bearer token goes in its `headers`, and one of the lab's APIs echoes it back in
// a response header. Every file the run writes (Playwright's HTML report and the archive inside it,
// test-results, allure-results and the rendered Allure report, reports/, the run's own
// folder) and its console are searched for each secret as is, URL-encoded, form-encoded,
// JSON-escaped, HTML-escaped and in base64. The same search must find the secrets when
// redaction is switched off, or it proves nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { ROOT, runScan } from '../../lab/run-scan.ts';
import { startLab, type RunningLab } from '../../lab/server.ts';
import { freePortBase } from '../../lab/ports.ts';
import { labSitesFile } from '../../lab/sites-file.ts';
import { LAB_SITES } from '../../lab/sites/index.ts';
import { UNSAFE_NO_REDACTION } from '../../src/model/redact.ts';

const id = randomBytes(4).toString('hex');
const SECRETS: Record<string, string> = {
  LAB_SHOP_USER: `lab user+${id}@shop.lab.test`,
  LAB_SHOP_PASSWORD: `Pw "q&x"/${id}é`,
  LAB_TEST_CARD: `4000-0000-${id}`,
  LAB_IDP_USER: `sso-${id}`,
  LAB_IDP_PASSWORD: `Idp&Pw ${id}`,
  SECRET_PATH: `path-${id}`,
  SECRET_QUERY: `q "v"+${id}`,
  SECRET_REASON: `reason-${id}`,
  LAB_API_TOKEN: `api+tok/${id}="q"`,
};

/** The top-level APIs the scan asks with the token: one echoes it, one has an http:// twin that answers. */
const API_HOSTS: Record<string, string> = { 'api-clean': 'clean.api.lab.test', 'api-http-twin': 'twin.api.lab.test' };

/** Every form a secret can be written in. */
function forms(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64').replace(/=+$/, '');
  const html = secret.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
      html,
      base64,
    ]),
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(file) : e.isFile() ? [file] : [];
  });
}

/** The text of every file, the HTML report's embedded archive unpacked. */
function artifacts(dir: string): { name: string; text: string }[] {
  return filesUnder(dir).flatMap((file) => {
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    const out = [{ name: path.relative(dir, file), text }];
    const zip = /<template id="playwrightReportBase64">data:application\/zip;base64,([^<]+)<\/template>/.exec(text);
    if (zip) {
      for (const entry of new AdmZip(Buffer.from(zip[1]!, 'base64')).getEntries()) {
        out.push({ name: `${path.relative(dir, file)}!${entry.entryName}`, text: entry.getData().toString('utf8') });
      }
    }
    return out;
  });
}

function leaks(dir: string, console: string): string[] {
  const found: string[] = [];
  const texts = [...artifacts(dir), { name: '(console)', text: console }];
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (const form of forms(secret)) {
      for (const t of texts) if (t.text.includes(form)) found.push(`${name} as "${form}" in ${t.name}`);
    }
  }
  return found;
}

let lab: RunningLab;
let base: number;
const previous = { ...process.env };

before(async () => {
  // The lab runs in this process and checks logins against the same values.
  Object.assign(process.env, SECRETS);
  base = await freePortBase(LAB_SITES);
  lab = await startLab(base, mkdtempSync(path.join(os.tmpdir(), 'secrets-lab-')));
});
after(async () => {
  await lab?.close();
  process.env = previous;
});

async function scan(
  extraEnv: Record<string, string>,
  args: string[] = [],
): Promise<{ dir: string; output: string; status: number | null }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secrets-scan-'));
  const all = labSitesFile(base, lab.caFile, LAB_SITES, dir);
  const shop = all.sites.find((s) => s.name === 'shop-flows')!;
  shop.pages = ['/', '/echo/${SECRET_PATH}', '/echo?q=${SECRET_QUERY}'];
  shop.cookies = { ignore: [{ name: 'last_user', reason: 'known, ${SECRET_REASON}' }] };
  const sites = {
    ...all,
    sites: [shop, all.sites.find((s) => s.name === 'flow-failures')!],
    apis: (all.apis ?? []).filter((a) => a.name in API_HOSTS),
  };
  const sitesFile = path.join(dir, 'sites.json');
  writeFileSync(sitesFile, JSON.stringify(sites, null, 2));
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp);
  const run = await runScan([`--output=${path.join(dir, 'test-results')}`, ...args], {
    ...SECRETS,
    SITES_FILE: sitesFile,
    LAB: '0',
    SUMMARY_FILE: path.join(dir, 'reports', 'summary.json'),
    PLAYWRIGHT_HTML_OUTPUT_DIR: path.join(dir, 'playwright-report'),
    ALLURE_RESULTS_DIR: path.join(dir, 'allure-results'),
    // The run's own folder (screenshots, the browser's profile) lands here and is kept.
    TMPDIR: tmp,
    SCAN_KEEP_RUN_DIR: '1',
    ...extraEnv,
  });
  const allure = spawnSync(
    'npx',
    ['allure', 'generate', path.join(dir, 'allure-results'), '--output', path.join(dir, 'allure-report')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(allure.status, 0, `allure generate failed: ${allure.stderr}`);
  return { dir, output: run.output, status: run.status };
}

test('no secret appears in any artifact of a scan whose flows type them', async () => {
  const run = await scan({});
  assert.equal(run.status, 1, run.output.slice(-3000));
  // The flows really ran: the password reached the shop's https login, in form encoding.
  const typed = new URLSearchParams({ password: SECRETS.LAB_SHOP_PASSWORD! }).toString();
  const logins = lab.requests.filter((r) => r.body.includes(typed));
  assert.ok(logins.length > 0, 'the login flow never sent the password');
  for (const r of logins)
    assert.equal(
      `${r.scheme}://${r.host}`,
      'https://shop.lab.test',
      `the password went to ${r.scheme}://${r.host}${r.url}`,
    );
  const summary = JSON.parse(readFileSync(path.join(run.dir, 'reports', 'summary.json'), 'utf8')) as {
    sites: { name: string; checks: { id: string; status: string }[] }[];
  };
  assert.equal(
    summary.sites.find((s) => s.name === 'shop-flows')?.checks.find((c) => c.id === 'cookie-httponly')?.status,
    'failed',
    'the login flow did not sign in',
  );
  // The API token went only over https to the APIs' own hosts; their http:// twins were asked without it.
  const token = (r: (typeof lab.requests)[number]) =>
    Object.values(r.headers).some((v) => String(v).includes(SECRETS.LAB_API_TOKEN!));
  const apiHosts = Object.values(API_HOSTS);
  const withToken = lab.requests.filter(token);
  assert.ok(withToken.length >= 4, 'the APIs were never asked with their token');
  for (const r of withToken)
    assert.ok(r.scheme === 'https' && apiHosts.includes(r.host), `the token went to ${r.scheme}://${r.host}${r.url}`);
  assert.ok(
    lab.requests.some((r) => r.scheme === 'http' && apiHosts.includes(r.host)),
    'no http:// twin was asked',
  );
  assert.ok(statSync(path.join(run.dir, 'playwright-report', 'index.html')).size > 0);
  assert.ok(filesUnder(path.join(run.dir, 'allure-report')).length > 0);
  assert.deepEqual(leaks(run.dir, run.output), []);
});

test('the same search finds the secrets when redaction is switched off (so it can find leaks)', async () => {
  const run = await scan({ [UNSAFE_NO_REDACTION]: '1' }, ['--grep', 'shop-flows|api-clean']);
  const found = leaks(run.dir, run.output);
  for (const name of ['LAB_SHOP_USER', 'SECRET_PATH', 'SECRET_QUERY', 'SECRET_REASON', 'LAB_API_TOKEN']) {
    assert.ok(
      found.some((f) => f.startsWith(`${name} `)),
      `${name} was not found without redaction:\n${found.join('\n')}`,
    );
  }
});
