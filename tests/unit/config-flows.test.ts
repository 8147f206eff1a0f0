// sites[].flows: how flows as written resolve, and every rule a flow or step can break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseScanConfig } from '../../src/config/load.ts';
import { TIMEOUT_MAX_MS } from '../../src/model/defaults.ts';
import { oneSite, problems, rejection } from './config-helpers.ts';
import { CHECKS } from '../../src/checks/index.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'config-flows-'));
mkdirSync(path.join(dir, 'flows'));
writeFileSync(path.join(dir, 'flows', 'sso-login.ts'), 'export {};\n');

/** A sites file in `dir`, where flows/sso-login.ts exists. */
const parseHere = (value: unknown, env: NodeJS.ProcessEnv = {}) =>
  parseScanConfig(CHECKS, JSON.stringify(value), path.join(dir, 'sites.json'), env);

const ENV = {
  SHOP_USER: 'alice',
  SHOP_PASSWORD: 'pa55word',
  TEST_CARD: '4111111111111111',
  SSO_USER: 'sso-alice',
  SSO_PASSWORD: 'sso-pa55',
};

const flows = [
  {
    name: 'checkout',
    after: 'login',
    steps: [
      { goto: '/products' },
      { click: '#add-to-cart' },
      { select: '#size', value: ['M', 'L'] },
      { check: '#terms', timeoutMs: 2000 },
      { fill: '[autocomplete=cc-number]', value: '${TEST_CARD}' },
    ],
  },
  {
    name: 'login',
    steps: [
      { goto: 'https://www.shop.test/login' },
      { fill: '#username', value: '${SHOP_USER}' },
      { fill: '#password', value: 'hunter2' },
      { press: '#password', key: 'Enter' },
      { waitFor: { url: '/account' } },
    ],
    visit: ['/account', '/orders'],
  },
  {
    name: 'sso',
    script: 'flows/sso-login.ts',
    allowHosts: ['Login.Example-IdP.com'],
    secrets: { user: '${SSO_USER}', password: '${SSO_PASSWORD}' },
  },
];

test('flows resolve: absolute goto URLs and script paths, secret values marked, after before its followers', () => {
  const config = parseHere(oneSite({ subdomains: ['www.shop.test'], flows }), ENV);
  assert.deepEqual(config.sites[0]!.flows, [
    {
      name: 'login',
      steps: [
        { kind: 'goto', url: 'https://www.shop.test/login' },
        { kind: 'fill', selector: '#username', value: 'alice', secret: true },
        { kind: 'fill', selector: '#password', value: 'hunter2', secret: false },
        { kind: 'press', selector: '#password', key: 'Enter' },
        { kind: 'waitFor', url: '/account' },
      ],
      visit: ['/account', '/orders'],
      allowHosts: [],
      secrets: {},
    },
    {
      name: 'checkout',
      after: 'login',
      steps: [
        { kind: 'goto', url: 'https://shop.test/products' },
        { kind: 'click', selector: '#add-to-cart' },
        { kind: 'select', selector: '#size', values: ['M', 'L'], secret: false },
        { kind: 'check', selector: '#terms', timeoutMs: 2000 },
        { kind: 'fill', selector: '[autocomplete=cc-number]', value: '4111111111111111', secret: true },
      ],
      visit: [],
      allowHosts: [],
      secrets: {},
    },
    {
      name: 'sso',
      script: path.join(dir, 'flows', 'sso-login.ts'),
      visit: [],
      allowHosts: ['login.example-idp.com'],
      secrets: { user: 'sso-alice', password: 'sso-pa55' },
    },
  ]);
  assert.deepEqual(config.secrets.sort(), ['4111111111111111', 'alice', 'sso-alice', 'sso-pa55']);
});

test("a select value from ${VAR} is a secret; a flow's written-out secrets are secrets too", () => {
  const config = parseHere(
    oneSite({
      flows: [
        {
          name: 'a',
          steps: [{ select: '#s', value: ['x', '${PICK}'] }, { select: '#t', value: '${PICK}' }, { uncheck: '#u' }],
        },
        { name: 'b', script: 'flows/sso-login.ts', secrets: { pin: '1234' } },
      ],
    }),
    { PICK: 'secret-option' },
  );
  assert.deepEqual(config.sites[0]!.flows[0]!.steps, [
    { kind: 'select', selector: '#s', values: ['x', 'secret-option'], secret: true },
    { kind: 'select', selector: '#t', values: ['secret-option'], secret: true },
    { kind: 'uncheck', selector: '#u' },
  ]);
  assert.deepEqual(config.secrets.sort(), ['1234', 'secret-option']);
});

test('every step problem is named with its path, all at once', () => {
  const steps = [
    { tap: '#x' },
    { click: '#a', fill: '#b', value: 'v' },
    { fill: '#user' },
    { press: '#p' },
    { click: '#a', colour: 'red' },
    'click #a',
    {},
    { click: '' },
    { click: '#a', timeoutMs: 0 },
    { click: '#a', timeoutMs: 1.5 },
    { click: '#a', timeoutMs: TIMEOUT_MAX_MS + 1 },
    { waitFor: {} },
    { waitFor: { url: '/a', text: 'Welcome' } },
    { select: '#s', value: [] },
    { goto: 'http://shop.test/login' },
    { goto: '//evil.test/x' },
    { goto: 'login' },
  ];
  const at = (k: number) => `$.sites[0].flows[0].steps[${k}]`;
  assert.deepEqual(problems(oneSite({ flows: [{ name: 'login', steps }] })), [
    `${at(0)}: unknown step kind "tap" (expected one of: goto, click, fill, select, check, uncheck, press, waitFor)`,
    `${at(1)}: one action per step; this one has 2: click, fill`,
    `${at(2)}.value: required field is missing`,
    `${at(3)}.key: required field is missing`,
    `${at(4)}: "colour" not allowed in a click step (it takes: click, timeoutMs)`,
    `${at(5)}: expected a step object such as { "click": "#submit" }`,
    `${at(6)}: a step needs an action, one of: goto, click, fill, select, check, uncheck, press, waitFor`,
    `${at(7)}.click: expected a Playwright selector such as "#submit" or "role=button[name='Sign in']"`,
    `${at(8)}.timeoutMs: Too small: expected number to be >0`,
    `${at(9)}.timeoutMs: Invalid input: expected int, received number`,
    `${at(10)}.timeoutMs: at most 600000 ms (10 minutes)`,
    `${at(11)}.waitFor: wait for exactly one of "url", "selector" and "text"`,
    `${at(12)}.waitFor: wait for exactly one of "url", "selector" and "text"`,
    `${at(13)}.value: Too small: expected array to have >=1 items`,
    `${at(14)}.goto: the URL must start with https://`,
    `${at(15)}.goto: the path leaves the site: a path starting with "//" names another host`,
    `${at(16)}.goto: expected a path starting with "/" or an absolute https:// URL`,
  ]);
});

test('every flow problem is named with its path, all at once', () => {
  const list = problems(
    oneSite({
      subdomains: ['www.shop.test'],
      flows: [
        {
          name: 'login',
          after: 'checkout',
          steps: [{ goto: 'https://evil.test/' }, { goto: 'https://www.shop.test/' }],
        },
        { name: 'checkout', after: 'login', steps: [] },
        { name: 'Login', steps: [], script: 'flows/x.ts' },
        { name: 'nothing' },
        { name: 'self', after: 'self', steps: [], secrets: { pin: '1' } },
        { name: 'orphan', after: 'nobody', steps: [], visit: ['/\\evil.test'] },
        { name: 'missing-script', script: 'flows/none.ts' },
        { name: 'python', script: 'flows/login.py' },
        { name: 'idp', steps: [{ goto: 'https://idp.test/' }], allowHosts: ['idp.test', '10.0.0.1'] },
        { name: 'n'.repeat(65), steps: [] },
      ],
    }),
  );
  const at = (j: number) => `$.sites[0].flows[${j}]`;
  const root = path.resolve('/x');
  assert.deepEqual(list, [
    `${at(2)}: give exactly one of "steps" and "script"`,
    `${at(3)}: give exactly one of "steps" and "script"`,
    `${at(4)}.secrets: "secrets" is only for a script: steps write "\${VAR}" directly in "value"`,
    `${at(5)}.visit[0]: backslashes are not allowed in a path (browsers read "\\" as "/", and "/\\host" as another host)`,
    `${at(7)}.script: a flow script must end in .ts, .mts, .js or .mjs`,
    `${at(8)}.allowHosts[1]: "10.0.0.1" is an IP address: certificates, HSTS and cookies are bound to names: list the host name and use connectTo to reach the address`,
    `${at(9)}.name: at most 64 characters: names become test titles and file names`,
    `${at(2)}.name: duplicate flow name "Login" (also used by flows[0])`,
    `${at(4)}.after: a flow cannot start after itself`,
    `${at(5)}.after: no flow named "nobody" in this site`,
    `${at(0)}.after: the flows start after each other in a cycle: login -> checkout -> login`,
    `${at(0)}.steps[0].goto: evil.test is neither a host of this site (shop.test, www.shop.test) nor in this flow's allowHosts`,
    `${at(2)}.script: cannot use the script file ${root}/flows/x.ts: ENOENT`,
    `${at(6)}.script: cannot use the script file ${root}/flows/none.ts: ENOENT`,
    `${at(7)}.script: cannot use the script file ${root}/flows/login.py: ENOENT`,
  ]);
});

test('a script that is a directory is refused; a longer cycle is named whole, once', () => {
  mkdirSync(path.join(dir, 'dir.ts'));
  const file = oneSite({
    flows: [
      { name: 'a', after: 'c', steps: [] },
      { name: 'b', after: 'a', steps: [] },
      { name: 'c', after: 'b', steps: [] },
      { name: 'd', after: 'a', steps: [] },
      { name: 'e', script: 'dir.ts' },
    ],
  });
  assert.deepEqual(rejection(() => parseHere(file)).problems, [
    '$.sites[0].flows[0].after: the flows start after each other in a cycle: a -> c -> b -> a',
    `$.sites[0].flows[4].script: cannot use the script file ${path.join(dir, 'dir.ts')}: it is a directory, not a regular file`,
  ]);
});

test('a flow name may not come from ${VAR}', () => {
  assert.deepEqual(problems(oneSite({ flows: [{ name: '${FLOW}', steps: [] }] }), { FLOW: 'login' }), [
    '$.sites[0].flows[0].name: a name cannot use ${VAR}: names appear in test titles and file names, which cannot be redacted',
  ]);
});

test('flow rules still run when the site URL is invalid', () => {
  assert.deepEqual(
    problems({
      sites: [{ name: 'shop', url: 'nope', flows: [{ name: 'a', after: 'a', steps: [{ goto: 'https://x.test/' }] }] }],
    }),
    [
      '$.sites[0].url: expected an absolute URL such as "https://example.com/"',
      '$.sites[0].flows[0].after: a flow cannot start after itself',
    ],
  );
});
