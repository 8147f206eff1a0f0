// The security fixture's options: nothing required; a sites.json gives the site's rules, the
// fixture's options win over it; relative paths start at the Playwright config's folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_POLICY, DEFAULT_SESSION_COOKIE_NAMES, DEFAULT_TIMEOUTS } from '../../src/model/defaults.ts';
import { checkHostName, judgeSettings, resolveOptions } from '../../src/library/options.ts';
import { documentHosts, siteFor } from '../../src/library/site.ts';
import { pages, response, visit } from './evidence-builders.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'library-options-'));
writeFileSync(
  path.join(dir, 'sites.json'),
  JSON.stringify({
    ca: 'certs/root.pem',
    connectTo: { 'shop.example.com:443': '127.0.0.1:8443', 'api.example.com:443': '127.0.0.1:9443' },
    timeouts: { connectMs: 1000 },
    policy: { minHstsMaxAge: 86400 },
    sites: [
      { name: 'blog', url: 'https://blog.example.com/' },
      {
        name: 'shop',
        url: 'https://shop.example.com/',
        subdomains: ['api.example.com'],
        policy: { certNoticeDays: 60 },
        cookies: { sessionNames: ['^shopper$'], ignore: [{ name: '_ga', reason: 'analytics' }] },
      },
    ],
  }),
);

test("nothing is required: the scan's defaults, failing at medium", () => {
  const o = resolveOptions(undefined, dir);
  assert.deepEqual(o.settings, { failOn: 'medium', accept: [] });
  assert.deepEqual(o.connectTo, {});
  assert.deepEqual(o.timeouts, DEFAULT_TIMEOUTS);
  assert.equal(o.caFile, undefined);
  const s = siteFor(o, ['shop.example.com', 'cdn.example.com']);
  assert.deepEqual(s.hosts, ['shop.example.com', 'cdn.example.com']);
  assert.deepEqual(s.policy, DEFAULT_POLICY);
  assert.deepEqual(s.cookies, { sessionNames: [...DEFAULT_SESSION_COOKIE_NAMES], ignore: [] });
});

test("ca and sitesFile are relative to the Playwright config's folder", () => {
  assert.equal(resolveOptions({ ca: 'lab/ca.pem' }, dir).caFile, path.join(dir, 'lab/ca.pem'));
  assert.equal(resolveOptions({ sitesFile: 'sites.json' }, dir).caFile, path.join(dir, 'certs/root.pem'));
});

test("a sites file gives ca, connectTo, timeouts and the rules of the site holding the host; the fixture's options win", () => {
  const o = resolveOptions(
    {
      sitesFile: 'sites.json',
      connectTo: { 'shop.example.com:443': '10.0.0.5:443' },
      policy: { minCertDaysLeft: 7 },
      cookies: { ignore: [{ name: '_fbp', reason: 'ads' }] },
    },
    dir,
  );
  assert.deepEqual(o.connectTo, { 'shop.example.com:443': '10.0.0.5:443', 'api.example.com:443': '127.0.0.1:9443' });
  assert.equal(o.timeouts.connectMs, 1000);
  const shop = siteFor(o, ['api.example.com']);
  assert.equal(shop.name, 'shop');
  assert.deepEqual(shop.hosts, ['shop.example.com', 'api.example.com']);
  assert.deepEqual(shop.policy, { ...DEFAULT_POLICY, minHstsMaxAge: 86400, certNoticeDays: 60, minCertDaysLeft: 7 });
  assert.deepEqual(shop.cookies, {
    sessionNames: ['^shopper$'],
    ignore: [
      { name: '_ga', reason: 'analytics' },
      { name: '_fbp', reason: 'ads' },
    ],
  });
  // A host of no listed site: the file's policy does not apply to it, the defaults do.
  assert.deepEqual(siteFor(o, ['elsewhere.example.org']).policy, { ...DEFAULT_POLICY, minCertDaysLeft: 7 });
});

test('a site named in the options is used whatever the hosts; hosts in the options win', () => {
  const named = resolveOptions({ sitesFile: 'sites.json', site: 'blog' }, dir);
  assert.equal(siteFor(named, ['shop.example.com']).name, 'blog');
  assert.deepEqual(siteFor(resolveOptions({ hosts: ['Shop.Example.com'] }, dir), ['idp.example.net']).hosts, [
    'shop.example.com',
  ]);
});

test('bad options stop the test with one line per problem', () => {
  assert.throws(
    () => resolveOptions({ connectTo: { 'shop.example.com': 'x' }, failOn: 'severe', colour: 'red' } as never, dir),
    (err: Error) =>
      err.message ===
      [
        'securityOptions: 3 problems',
        '  - $.connectTo["shop.example.com"]: expected "host:port", for example "shop.example.com:443" (a leading "*." matches every subdomain)',
        '  - $.failOn: Invalid option: expected one of "critical"|"high"|"medium"|"low"|"info"',
        '  - $: Unrecognized key: "colour"',
      ].join('\n'),
  );
  assert.throws(
    () => resolveOptions({ sitesFile: 'sites.json', site: 'forum' }, dir),
    /site "forum" is not in the sites file sites\.json/,
  );
  assert.throws(() => resolveOptions({ sitesFile: 'missing.json' }, dir), /cannot read the sites file/);
});

test("a matcher's options: its own threshold, its acceptances added to the fixture's", () => {
  const base = resolveOptions(
    { failOn: 'high', accept: [{ code: 'hsts.short-max-age', reason: 'raising it next release' }] },
    dir,
  ).settings;
  const s = judgeSettings(base, {
    failOn: 'low',
    accept: [{ code: 'mixed-content.passive', target: /cdn/, reason: 'vendor' }],
  });
  assert.equal(s.failOn, 'low');
  assert.deepEqual(
    s.accept.map((a) => a.code),
    ['hsts.short-max-age', 'mixed-content.passive'],
  );
  assert.equal(judgeSettings(base, undefined).failOn, 'high');
});

test("the hosts a test opened: its main frames' https documents, redirects included, frames and http left out", () => {
  const v = visit('https://shop.example.com/login', {
    finalUrl: 'https://shop.example.com/account',
    responses: [
      response('https://sso.example.net/authorize', { status: 302 }),
      response('https://shop.example.com/account'),
      response('https://widgets.example.org/', { mainFrame: false }),
      response('http://old.example.com/'),
    ],
  });
  assert.deepEqual(documentHosts(pages(v)), ['sso.example.net', 'shop.example.com']);
});

test('security.host() takes a host name, as sites.json does', () => {
  assert.equal(checkHostName('Shop.Example.com'), 'shop.example.com');
  assert.throws(
    () => checkHostName('https://shop.example.com/'),
    /^Error: security\.host\("https:\/\/shop\.example\.com\/"\): expected a hostname such as "api\.example\.com" \(no scheme, port or path\)$/,
  );
});
