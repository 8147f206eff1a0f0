// What the transport probe asks each host: the http:// request goes in the clear, so it never
// carries a secret, whichever page or site URL holds one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROBE_QUERY, probePaths } from '../../src/probes/transport.ts';
import { site } from './evidence-builders.ts';

const SECRET = 'tok "3"+é';

test('the http:// probe of the main host uses the first listed page other than /', () => {
  const s = site({ url: 'https://example.test/', pages: ['/', '/shop?x=1'] });
  assert.deepEqual(probePaths(s, 'example.test'), {
    https: 'https://example.test/',
    http: `http://example.test/shop?x=1&${PROBE_QUERY}`,
  });
});

test('a page holding a secret (in any form) is never asked for over http', () => {
  const s = site({
    url: 'https://example.test/',
    pages: ['/', `/echo/${encodeURIComponent(SECRET)}`, `/q?s=${SECRET}`, '/plain'],
  });
  assert.equal(probePaths(s, 'example.test', [SECRET]).http, `http://example.test/plain?${PROBE_QUERY}`);
});

test("a site URL whose path holds a secret is asked for over https only; http gets '/'", () => {
  const url = `https://example.test/preview/${encodeURIComponent(SECRET)}/`;
  const paths = probePaths(site({ url, pages: ['/'] }), 'example.test', [SECRET]);
  assert.deepEqual(paths, { https: url, http: `http://example.test/?${PROBE_QUERY}` });
});
