import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumResolverRules, resolveConnect } from '../../src/net/connect-to.ts';

const rules = {
  '*.example.test:443': '10.0.0.9:9443',
  'shop.example.test:443': '127.0.0.1:18443',
  'shop.example.test:80': '[::1]:18080',
};

test('exact rules beat wildcards; ports must match; unmapped hosts pass through', () => {
  assert.deepEqual(resolveConnect(rules, 'shop.example.test', 443), {
    address: '127.0.0.1',
    port: 18443,
    mapped: true,
  });
  assert.deepEqual(resolveConnect(rules, 'SHOP.example.test', 80), { address: '::1', port: 18080, mapped: true });
  assert.deepEqual(resolveConnect(rules, 'api.example.test', 443), { address: '10.0.0.9', port: 9443, mapped: true });
  assert.deepEqual(resolveConnect(rules, 'example.test', 443), { address: 'example.test', port: 443, mapped: false });
  assert.deepEqual(resolveConnect(rules, 'api.example.test', 80), {
    address: 'api.example.test',
    port: 80,
    mapped: false,
  });
});

test('Chromium gets the same mapping, exact rules first', () => {
  assert.equal(
    chromiumResolverRules(rules),
    'MAP shop.example.test:443 127.0.0.1:18443, MAP shop.example.test:80 [::1]:18080, MAP *.example.test:443 10.0.0.9:9443',
  );
});
