// Scope by the Public Suffix List (tldts): hosts under the site's registrable domain belong to
// it, others are third parties; only bare host names count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostName, registrableDomain, scopeOf } from '../../src/discovery/scope.ts';
import { FoundNames } from '../../src/discovery/names.ts';

test('the registrable domain follows the Public Suffix List, private suffixes included', () => {
  assert.equal(registrableDomain('shop.example.com'), 'example.com');
  assert.equal(registrableDomain('a.b.shop.example.co.uk'), 'example.co.uk');
  assert.equal(registrableDomain('myshop.github.io'), 'myshop.github.io');
  assert.equal(scopeOf('https://shop.example.co.uk/').domain, 'example.co.uk');
});

test('a sibling of the site is in scope, a look-alike or another suffix is not', () => {
  const scope = scopeOf('https://shop.example.com/');
  assert.ok(scope.inScope('example.com'));
  assert.ok(scope.inScope('admin.example.com'));
  assert.ok(scope.inScope('a.b.example.com'));
  assert.ok(!scope.inScope('notexample.com'));
  assert.ok(!scope.inScope('example.com.evil.test'));
  assert.ok(!scope.inScope('example.co.uk'));
  // On a private suffix, another customer of the platform is a third party.
  assert.ok(!scopeOf('https://myshop.github.io/').inScope('othershop.github.io'));
});

test('only bare, valid host names count: no IP address, e-mail, URL, wildcard or garbage', () => {
  assert.equal(hostName('Admin.Example.COM.'), 'admin.example.com');
  for (const bad of [
    '10.0.0.1',
    '[::1]',
    'hostmaster@example.com',
    'https://example.com/',
    '*.example.com',
    'a b',
    '-x.example.com',
    '',
  ])
    assert.equal(hostName(bad), undefined, bad);
});

test('names are sorted into own hosts (first origin kept), third parties and wildcards', () => {
  const found = new FoundNames(scopeOf('https://shop.example.com/'));
  assert.equal(found.add('api.example.com', 'linked from https://shop.example.com/', 'pages'), 'api.example.com');
  assert.equal(
    found.add('API.example.com', 'SAN of the certificate of shop.example.com', 'certificates'),
    'api.example.com',
  );
  assert.equal(found.add('cdn.other.test', 'loaded by https://shop.example.com/', 'pages'), undefined);
  assert.equal(found.add('*.example.com', 'SAN of the certificate of shop.example.com', 'certificates'), undefined);
  assert.deepEqual(
    [...found.hosts],
    [['api.example.com', { origin: 'linked from https://shop.example.com/', rank: 0 }]],
  );
  assert.deepEqual([...found.thirdParties], [['cdn.other.test', 'loaded by https://shop.example.com/']]);
  assert.deepEqual([...found.wildcards.keys()], ['*.example.com']);
});
