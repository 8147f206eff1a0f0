// Secrets never reach an artifact. A real scan runs flows that type secrets (a user name with
// spaces and "+", a password with quotes, "&" and "é", a card number, single sign-on
// credentials), with secrets also placed in a page path, in a query value the server echoes
// back, in the site URL, in an API's bearer token (`headers`, which one of the lab's APIs echoes
// back in a response header), and in every other string field of the sites file: the list of those
// fields is read from the schema itself, so a new field fails this test until a secret is
// placed in it (or config refuses ${VAR} there, as for names). The lab echoes the user name
// into a page title, URL and cookie. Every file the run writes (Playwright's HTML report and
// the archive inside it, test-results, allure-results and the rendered Allure report,
// reports/, the run's own folder) and its console are searched for each secret as is,
// URL-encoded, form-encoded, JSON-escaped, HTML-escaped and in base64; and no request the lab
// received over plain http carries one. The same search must find the secrets when redaction
// is switched off, or it proves nothing.
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
import { CHECKS } from '../../src/checks/index.ts';
import { sitesJsonSchema } from '../../src/config/json-schema.ts';
import { NO_PLACEHOLDER_FIELDS } from '../../src/config/load.ts';
import type { SitesFileInput } from '../../src/config/schema.ts';

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
  // One per string field of the schema (see PLACED): each a valid value of its field.
  S_SCHEMA: `./schema-${id}.json`,
  S_ACCEPT_TARGET: `target-${id}`,
  S_ACCEPT_REASON: `accepted because ${id}`,
  S_ACCEPT_EXPIRES: `20${50 + (Number.parseInt(id.slice(0, 2), 16) % 49)}-0${1 + (Number.parseInt(id[2]!, 16) % 9)}-1${Number.parseInt(id[3]!, 16) % 9}`,
  S_URL: `preview ${id}`,
  S_SUBDOMAIN: `sub-${id}.shop.lab.test`,
  S_SESSION_NAME: `^shopper$|k${id}`,
  S_IGNORE_NAME: `ign-${id}`,
  S_IGNORE_DOMAIN: `ign-${id}.test`,
  S_GOTO: `goto-${id}`,
  S_CLICK: `click-${id}`,
  S_FILL: `fill-${id}`,
  S_FILL_VALUE: `value-${id}`,
  S_SELECT: `select-${id}`,
  S_SELECT_VALUE: `option-${id}`,
  S_CHECK: `check-${id}`,
  S_UNCHECK: `uncheck-${id}`,
  S_PRESS: `press-${id}`,
  S_KEY: `key-${id}`,
  S_WAIT_URL: `/wait-${id}`,
  S_WAIT_SELECTOR: `wait-${id}`,
  S_WAIT_TEXT: `text ${id}`,
  S_VISIT: `visit-${id}`,
  S_ALLOW_HOST: `allow-${id}.test`,
  S_SCRIPT: path.join(ROOT, 'lab', 'flows', 'sso-login.ts'),
  S_OPENAPI: path.join(ROOT, 'lab', 'openapi', 'clean-api.json'),
  S_API_URL: `api-q-${id}`,
  S_API_BODY: `{"item":"${id}"}`,
  S_API_HEADER: `trace-${id}`,
  // Known only once the lab runs: its CA file and the address of the shop's https server.
  S_CA: '',
  S_CONNECT: '',
};

/** Every string field of the sites file (JSON paths, [*] for any index or key), read from its JSON Schema. */
function schemaStringFields(): string[] {
  const fields = new Set<string>();
  const visit = (node: unknown, at: string): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const isEnum = Array.isArray(n.enum) && n.enum.every((v) => typeof v === 'string');
    if (n.type === 'string' || isEnum) fields.add(at);
    for (const key of ['anyOf', 'oneOf', 'allOf']) for (const sub of (n[key] as unknown[]) ?? []) visit(sub, at);
    for (const [name, sub] of Object.entries((n.properties as Record<string, unknown>) ?? {}))
      visit(sub, `${at}.${name}`);
    if (n.items) visit(n.items, `${at}[*]`);
    if (typeof n.additionalProperties === 'object') visit(n.additionalProperties, `${at}[*]`);
  };
  visit(sitesJsonSchema(CHECKS), '$');
  return [...fields].sort();
}

/**
 * Where each string field gets its secret (the variable written as ${VAR} there). The scanned
 * sites are shop-flows (with the additions below) and flow-failures.
 */
const PLACED: Record<string, string[]> = {
  '$.$schema': ['S_SCHEMA'],
  '$.ca': ['S_CA'],
  '$.connectTo[*]': ['S_CONNECT'],
  '$.accept[*].target': ['S_ACCEPT_TARGET'],
  '$.accept[*].reason': ['S_ACCEPT_REASON'],
  '$.accept[*].expires': ['S_ACCEPT_EXPIRES'],
  '$.sites[*].url': ['S_URL'],
  '$.sites[*].subdomains[*]': ['S_SUBDOMAIN'],
  '$.sites[*].pages[*]': ['SECRET_PATH', 'SECRET_QUERY'],
  '$.sites[*].cookies.sessionNames[*]': ['S_SESSION_NAME'],
  '$.sites[*].cookies.ignore[*].name': ['S_IGNORE_NAME'],
  '$.sites[*].cookies.ignore[*].domain': ['S_IGNORE_DOMAIN'],
  '$.sites[*].cookies.ignore[*].reason': ['SECRET_REASON'],
  '$.sites[*].flows[*].steps[*].goto': ['S_GOTO'],
  '$.sites[*].flows[*].steps[*].click': ['S_CLICK'],
  '$.sites[*].flows[*].steps[*].fill': ['S_FILL'],
  '$.sites[*].flows[*].steps[*].value': ['S_FILL_VALUE', 'LAB_SHOP_USER', 'LAB_SHOP_PASSWORD', 'LAB_TEST_CARD'],
  '$.sites[*].flows[*].steps[*].value[*]': ['S_SELECT_VALUE'],
  '$.sites[*].flows[*].steps[*].select': ['S_SELECT'],
  '$.sites[*].flows[*].steps[*].check': ['S_CHECK'],
  '$.sites[*].flows[*].steps[*].uncheck': ['S_UNCHECK'],
  '$.sites[*].flows[*].steps[*].press': ['S_PRESS'],
  '$.sites[*].flows[*].steps[*].key': ['S_KEY'],
  '$.sites[*].flows[*].steps[*].waitFor.url': ['S_WAIT_URL'],
  '$.sites[*].flows[*].steps[*].waitFor.selector': ['S_WAIT_SELECTOR'],
  '$.sites[*].flows[*].steps[*].waitFor.text': ['S_WAIT_TEXT'],
  '$.sites[*].flows[*].script': ['S_SCRIPT'],
  '$.sites[*].flows[*].visit[*]': ['S_VISIT'],
  '$.sites[*].flows[*].allowHosts[*]': ['S_ALLOW_HOST'],
  '$.sites[*].flows[*].secrets[*]': ['LAB_IDP_USER', 'LAB_IDP_PASSWORD'],
  ...apiFields('$.apis[*]'),
  ...apiFields('$.sites[*].apis[*]'),
};

/** Where an API's string fields get their secrets, at the top level and in a site. */
function apiFields(at: string): Record<string, string[]> {
  return {
    [`${at}.openapi`]: ['S_OPENAPI'],
    [`${at}.headers[*]`]: ['LAB_API_TOKEN'],
    [`${at}.endpoints[*].url`]: ['S_API_URL'],
    [`${at}.endpoints[*].body`]: ['S_API_BODY'],
    [`${at}.endpoints[*].headers[*]`]: ['S_API_HEADER'],
  };
}

/** An API with a secret in each of its string fields (the lab's clean API answers it). */
const API_WITH_SECRETS = (name: string) => ({
  name,
  openapi: '${S_OPENAPI}',
  endpoints: [
    {
      url: 'https://clean.api.lab.test/v1/orders?q=${S_API_URL}',
      method: 'POST' as const,
      body: '${S_API_BODY}',
      headers: { 'X-Trace': '${S_API_HEADER}' },
    },
  ],
  headers: { Authorization: 'Bearer ${LAB_API_TOKEN}' },
});

/** The shop as the lab lists it, with a secret in every field PLACED names. */
function withSecretsEverywhere(file: SitesFileInput, shop: SitesFileInput['sites'][number]): SitesFileInput {
  SECRETS.S_CA = String(file.ca);
  SECRETS.S_CONNECT = file.connectTo!['shop.lab.test:443']!;
  const flows = (shop.flows ?? []).map((f) => (f.script ? { ...f, script: '${S_SCRIPT}' } : f));
  return {
    ...file,
    $schema: '${S_SCHEMA}',
    ca: '${S_CA}',
    connectTo: { ...file.connectTo, 'shop.lab.test:443': '${S_CONNECT}' },
    accept: [
      {
        code: 'no-downgrade.link-to-http',
        site: 'shop-flows',
        reason: '${S_ACCEPT_REASON}',
        expires: '${S_ACCEPT_EXPIRES}',
      },
      { check: 'hsts', target: '${S_ACCEPT_TARGET}', reason: 'matches nothing', expires: '2099-01-01' },
    ],
    sites: [
      {
        ...shop,
        url: 'https://shop.lab.test/?preview=${S_URL}',
        apis: [API_WITH_SECRETS('shop-api')],
        subdomains: ['${S_SUBDOMAIN}'],
        pages: ['/', '/echo/${SECRET_PATH}', '/echo?q=${SECRET_QUERY}'],
        cookies: {
          sessionNames: ['${S_SESSION_NAME}'],
          ignore: [
            { name: 'last_user', reason: 'known, ${SECRET_REASON}' },
            { name: '${S_IGNORE_NAME}', domain: '${S_IGNORE_DOMAIN}', reason: 'matches nothing' },
          ],
        },
        flows: [
          ...flows,
          // Stops at its second step: the steps after it are reported as not reached, by their selectors.
          {
            name: 'secret-steps',
            steps: [
              { goto: '/echo/${S_GOTO}' },
              { click: '#${S_CLICK}', timeoutMs: 1000 },
              { fill: '#${S_FILL}', value: '${S_FILL_VALUE}' },
              { select: '#${S_SELECT}', value: ['${S_SELECT_VALUE}'] },
              { check: '#${S_CHECK}' },
              { uncheck: '#${S_UNCHECK}' },
              { press: '#${S_PRESS}', key: '${S_KEY}' },
              { waitFor: { url: '${S_WAIT_URL}' } },
              { waitFor: { selector: '#${S_WAIT_SELECTOR}' } },
              { waitFor: { text: '${S_WAIT_TEXT}' } },
            ],
            visit: ['/echo/${S_VISIT}'],
            allowHosts: ['${S_ALLOW_HOST}'],
          },
        ],
      },
    ],
  };
}

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
  const placed = withSecretsEverywhere(all, all.sites.find((s) => s.name === 'shop-flows')!);
  const sites = {
    ...placed,
    sites: [...placed.sites, all.sites.find((s) => s.name === 'flow-failures')!],
    // The lab's twin API (whose http:// twin answers) as it is, and the clean one with a secret in every field.
    apis: [...(all.apis ?? []).filter((a) => a.name === 'api-http-twin'), API_WITH_SECRETS('api-clean')],
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

test('every string field of the schema gets a secret here, or config refuses ${VAR} in it', () => {
  const covered = [...Object.keys(PLACED), ...Object.keys(NO_PLACEHOLDER_FIELDS)].sort();
  assert.deepEqual(covered, schemaStringFields());
});

/** Every form of every secret in the path, query, headers or body of a request the lab received over plain http. */
function sentInTheClear(): string[] {
  return lab.requests
    .filter((r) => r.scheme === 'http')
    .flatMap((r) =>
      Object.entries(SECRETS).flatMap(([name, secret]) =>
        forms(secret)
          .filter((f) => [r.url, r.body, ...Object.values(r.headers).map(String)].some((t) => t.includes(f)))
          .map((f) => `${name} as "${f}" in http://${r.host}${r.url}`),
      ),
    );
}

test('no secret appears in any artifact of a scan whose flows type them, nor in any request over http', async () => {
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
  assert.ok(statSync(path.join(run.dir, 'playwright-report', 'index.html')).size > 0);
  assert.ok(filesUnder(path.join(run.dir, 'allure-report')).length > 0);
  assert.deepEqual(leaks(run.dir, run.output), []);
  assert.deepEqual(sentInTheClear(), []);
  // The API token went only over https to the APIs' own hosts; their http:// twins were asked without it.
  const apiHosts = ['clean.api.lab.test', 'twin.api.lab.test'];
  const withToken = lab.requests.filter((r) =>
    Object.values(r.headers).some((v) => String(v).includes(SECRETS.LAB_API_TOKEN!)),
  );
  assert.ok(withToken.length >= 4, 'the APIs were never asked with their token');
  for (const r of withToken)
    assert.ok(r.scheme === 'https' && apiHosts.includes(r.host), `the token went to ${r.scheme}://${r.host}${r.url}`);
  assert.ok(
    lab.requests.some((r) => r.scheme === 'http' && apiHosts.includes(r.host)),
    'no http:// twin was asked',
  );
});

test('the same search finds the secrets when redaction is switched off (so it can find leaks)', async () => {
  const run = await scan({ [UNSAFE_NO_REDACTION]: '1' }, ['--grep', 'shop-flows|api-clean']);
  const found = leaks(run.dir, run.output);
  // Those that reach a report when nothing is redacted: the site URL (test annotation, Allure,
  // summary.json), a flow step's selector and key, a session-name rule, an acceptance's reason.
  for (const name of [
    'LAB_SHOP_USER',
    'SECRET_PATH',
    'SECRET_QUERY',
    'SECRET_REASON',
    'S_URL',
    'S_CLICK',
    'S_KEY',
    'S_SESSION_NAME',
    'S_ACCEPT_REASON',
    'LAB_API_TOKEN',
  ]) {
    assert.ok(
      found.some((f) => f.startsWith(`${name} `)),
      `${name} was not found without redaction:\n${found.join('\n')}`,
    );
  }
});
