// Parsing what discovery reads: robots.txt Sitemap lines (robots-parser), sitemaps and sitemap
// indexes (cheerio in XML mode), CT answers (which may fail or lie) and CSP host-sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sitemapsOf } from '../../src/discovery/robots.ts';
import { parseSitemap } from '../../src/discovery/sitemap.ts';
import { ctQueryUrl, MAX_CT_NAMES, parseCtAnswer } from '../../src/discovery/ct.ts';
import { cspNames } from '../../src/discovery/csp.ts';

test('robots.txt: every Sitemap line, resolved, in file order, whatever the case of the field', () => {
  const robots = [
    'User-agent: *',
    'Disallow: /',
    'Sitemap: https://shop.test/a.xml',
    'sitemap: /b.xml',
    'SITEMAP: https://cdn.other.test/c.xml',
    'Sitemap: javascript:alert(1)',
    'Sitemap: https://shop.test/a.xml',
  ].join('\n');
  assert.deepEqual(sitemapsOf('https://shop.test/robots.txt', robots), [
    'https://shop.test/a.xml',
    'https://shop.test/b.xml',
    'https://cdn.other.test/c.xml',
  ]);
  assert.deepEqual(sitemapsOf('https://shop.test/robots.txt', '<html>not robots</html>'), []);
});

test('a sitemap: its page URLs; an index: its sitemaps; anything else: invalid, with why', () => {
  assert.deepEqual(
    parseSitemap(
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://shop.test/a </loc><lastmod>2026-01-01</lastmod></url><url><loc>ftp://shop.test/x</loc></url><url><loc>https://shop.test/b?x=1&amp;y=2</loc></url></urlset>',
    ),
    { kind: 'urlset', urls: ['https://shop.test/a', 'https://shop.test/b?x=1&y=2'] },
  );
  assert.deepEqual(
    parseSitemap(
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://shop.test/s1.xml</loc></sitemap></sitemapindex>',
    ),
    { kind: 'index', sitemaps: ['https://shop.test/s1.xml'] },
  );
  assert.deepEqual(parseSitemap('<html><body>Not found</body></html>'), {
    kind: 'invalid',
    reason: 'the root element is <html>, not <urlset> or <sitemapindex>',
  });
  assert.equal(parseSitemap('').kind, 'invalid');
});

test('CT: names lower-cased, "*." stripped, e-mail addresses and IPs dropped, repeats once, sorted', () => {
  const answer = parseCtAnswer(
    JSON.stringify([
      { common_name: '*.Shop.Example.com', name_value: '*.Shop.Example.com\nshop.example.com' },
      { common_name: 'b.example.com', name_value: 'b.example.com\nhostmaster@example.com\n10.0.0.1' },
      { name_value: 'a.example.com' },
      'not an entry',
      { name_value: 42 },
    ]),
  );
  assert.deepEqual(answer, {
    ok: true,
    names: ['a.example.com', 'b.example.com', 'shop.example.com'],
    dropped: 2,
    capped: false,
  });
  assert.equal(
    ctQueryUrl('https://crt.sh/?q=%25.{domain}&output=json', 'example.com'),
    'https://crt.sh/?q=%25.example.com&output=json',
  );
});

test('CT: an answer that is not a JSON array is a failure, never "no names"', () => {
  assert.deepEqual(parseCtAnswer('<html>502 Bad Gateway</html>').ok, false);
  assert.deepEqual(parseCtAnswer('{"error":"rate limited"}'), {
    ok: false,
    reason: 'the answer is not a JSON array of log entries',
  });
  assert.deepEqual(parseCtAnswer('[]'), { ok: true, names: [], dropped: 0, capped: false });
});

test('CT: a lying endpoint sending a flood of names is capped, and says so', () => {
  const flood = Array.from({ length: MAX_CT_NAMES + 5 }, (_, i) => ({ name_value: `h${i}.example.com` }));
  const answer = parseCtAnswer(JSON.stringify(flood));
  assert.ok(answer.ok);
  assert.equal(answer.names.length, MAX_CT_NAMES);
  assert.equal(answer.capped, true);
});

test('CSP: host-sources of every directive and policy; keywords, schemes, "*" and nonces name no host', () => {
  assert.deepEqual(
    cspNames(
      "default-src 'self' https://cdn.shop.test *.img.shop.test; img-src data: https: *; script-src 'nonce-abc' 'sha256-x' api.shop.test:8443/path wss://ws.other.test, frame-ancestors https://partner.test",
    ),
    { hosts: ['cdn.shop.test', 'api.shop.test', 'ws.other.test', 'partner.test'], wildcards: ['*.img.shop.test'] },
  );
});
