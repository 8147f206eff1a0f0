import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScanConfig } from '../../src/config/load.ts';
import { DEFAULT_POLICY, DEFAULT_SESSION_COOKIE_NAMES, DEFAULT_TIMEOUTS } from '../../src/model/defaults.ts';
import { sitesJsonSchema, SCHEMA_FILE } from '../../src/config/json-schema.ts';
import { labSitesFile } from '../../lab/sites-file.ts';
import { DEFAULT_PORT_BASE } from '../../lab/ports.ts';
import { LAB_ENV } from '../../lab/credentials.ts';
import { assertProblems, oneSite, parse, problems } from './config-helpers.ts';
import { CHECKS } from '../../src/checks/index.ts';

test('a minimal file gets every default', () => {
  const config = parse({ sites: [{ name: 'shop', url: 'https://shop.example.com/' }] });
  assert.deepEqual(config.sites[0], {
    name: 'shop',
    url: 'https://shop.example.com/',
    hosts: ['shop.example.com'],
    pages: ['/'],
    policy: { ...DEFAULT_POLICY, failOn: 'medium' },
    cookies: { sessionNames: [...DEFAULT_SESSION_COOKIE_NAMES], ignore: [] },
    screenshots: true,
    flows: [],
  });
  assert.deepEqual(config.timeouts, DEFAULT_TIMEOUTS);
  assert.equal(config.caFile, undefined);
});

test('policy: site overrides beat file defaults, which beat built-in defaults', () => {
  const config = parse({
    policy: { maxRedirectHops: 5, minHstsMaxAge: 100 },
    ca: 'certs/root.pem',
    sites: [{ name: 'a', url: 'https://a.test/', subdomains: ['API.a.test'], policy: { minHstsMaxAge: 200 } }],
  });
  assert.equal(config.sites[0]!.policy.maxRedirectHops, 5);
  assert.equal(config.sites[0]!.policy.minHstsMaxAge, 200);
  assert.deepEqual(config.sites[0]!.hosts, ['a.test', 'api.a.test']);
  assert.equal(config.caFile, '/x/certs/root.pem');
});

test('policy.failOn: file and site levels like every policy field; FAIL_ON overrides both', () => {
  const file = {
    policy: { failOn: 'high' },
    sites: [
      { name: 'a', url: 'https://a.test/' },
      { name: 'b', url: 'https://b.test/', policy: { failOn: 'low' } },
    ],
  };
  assert.deepEqual(
    parse(file).sites.map((s) => s.policy.failOn),
    ['high', 'low'],
  );
  assert.deepEqual(
    parse(file, { FAIL_ON: 'critical' }).sites.map((s) => s.policy.failOn),
    ['critical', 'critical'],
  );
  assert.deepEqual(problems(oneSite({ policy: { failOn: 'severe' } }), { FAIL_ON: 'warn' }), [
    'FAIL_ON: expected one of: critical, high, medium, low, info',
    '$.sites[0].policy.failOn: expected one of: critical, high, medium, low, info',
  ]);
});

test('screenshots can be turned off per site; timeouts.stepMs bounds one flow step', () => {
  const config = parse(oneSite({ screenshots: false }, { timeouts: { stepMs: 3000 } }));
  assert.equal(config.sites[0]!.screenshots, false);
  assert.equal(config.timeouts.stepMs, 3000);
  assert.deepEqual(problems(oneSite({ screenshots: 'no' }, { timeouts: { stepMs: 2 ** 31 } })), [
    '$.timeouts.stepMs: at most 600000 ms (10 minutes)',
    '$.sites[0].screenshots: Invalid input: expected boolean, received string',
  ]);
});

test('malformed JSON names the line and column', () => {
  const [p] = problems('{\n  "sites": [\n    { "name": "a", }\n  ]\n}');
  assert.match(p!, /not valid JSON: .* at line 3, column \d+/);
});

test('every problem is listed with its JSON path', () => {
  const list = problems({
    sites: [
      { name: 'a', url: 'http://a.test/', colour: 'red' },
      { name: 'a', url: 'https://b.test/', pages: ['about'], subdomains: ['https://x.test'] },
    ],
    connectTo: { 'a.test': '127.0.0.1:1' },
    extra: true,
  });
  const expected = [
    /^\$\.sites\[0\]\.url: the URL must start with https:\/\/$/,
    /^\$\.sites\[0\]: unknown field "colour"$/,
    /^\$\.sites\[1\]\.name: duplicate site name "a" \(also used by sites\[0\]\)$/,
    /^\$\.sites\[1\]\.pages\[0\]: expected a path starting with "\/"$/,
    /^\$\.sites\[1\]\.subdomains\[0\]: expected a hostname/,
    /^\$\.connectTo\["a\.test"\]: expected "host:port"/,
    /^\$: unknown field "extra"$/,
  ];
  assertProblems(list, expected);
});

test('${VAR} placeholders come from the environment; a missing one is named with its path', () => {
  const file = {
    sites: [
      {
        name: 'a',
        url: 'https://${HOST}/',
        flows: [{ name: 'login', steps: [{ fill: '#password', value: '${SHOP_PASSWORD}' }] }],
      },
    ],
  };
  const config = parse(file, { HOST: 'a.test', SHOP_PASSWORD: 's3cret' });
  assert.equal(config.sites[0]!.url, 'https://a.test/');
  assert.deepEqual(config.secrets.sort(), ['a.test', 's3cret']);
  assert.deepEqual(problems(file, { HOST: 'a.test' }), [
    '$.sites[0].flows[0].steps[0].value: environment variable SHOP_PASSWORD is not set (set it in the environment or in .env)',
  ]);
});

test('sites.schema.json is generated from the zod schema (run npm run schema)', () => {
  assert.deepEqual(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')), sitesJsonSchema(CHECKS));
});

test('the committed sites.json scans the lab as the lab defines it (run npm run lab -- --write-sites)', () => {
  const committed = JSON.parse(readFileSync(new URL('../../sites.json', import.meta.url), 'utf8'));
  assert.deepEqual(committed, labSitesFile(DEFAULT_PORT_BASE, 'lab/.generated/ca.pem'));
  const file = fileURLToPath(new URL('../../sites.json', import.meta.url));
  assert.doesNotThrow(() => parseScanConfig(CHECKS, JSON.stringify(committed), file, { ...LAB_ENV }));
});
