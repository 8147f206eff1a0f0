// The facts of an API answer's body: JSON or not, and its http:// and ws:// URLs by JSON path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyFacts, MAX_URLS_LISTED } from '../../src/probes/api-answer.ts';

const facts = (text: string, contentType = 'application/json', incomplete?: string) =>
  bodyFacts({ bytes: Buffer.from(text), ...(incomplete ? { incomplete } : {}) }, contentType);

test('http:// and ws:// URLs anywhere in the JSON, each with its JSON path; https, relative and prose are not', () => {
  const body = {
    links: { next: 'http://api.test/p/2', self: 'https://api.test/p/1', rel: '/p/3' },
    items: [{ image: ' HTTP://cdn.test/a.png ' }, { note: 'see http://old.test for history' }],
    'odd key': 'ws://api.test/live',
    count: 3,
  };
  assert.deepEqual(facts(JSON.stringify(body)), {
    bytes: JSON.stringify(body).length,
    format: 'json',
    insecureUrls: [
      { path: '$.links.next', url: 'http://api.test/p/2' },
      { path: '$.items[0].image', url: 'HTTP://cdn.test/a.png' },
      { path: '$["odd key"]', url: 'ws://api.test/live' },
    ],
    moreInsecureUrls: 0,
  });
});

test('past MAX_URLS_LISTED the rest are counted; a body nested 200,000 deep is walked in one pass', () => {
  const many = JSON.stringify(Array.from({ length: MAX_URLS_LISTED + 7 }, (_, i) => `http://api.test/${i}`));
  const out = facts(many);
  assert.equal(out.insecureUrls.length, MAX_URLS_LISTED);
  assert.equal(out.moreInsecureUrls, 7);
  const deep = `${'{"a":'.repeat(200_000)}"http://api.test/deep"${'}'.repeat(200_000)}`;
  const found = facts(deep).insecureUrls;
  assert.equal(found.length, 1);
  assert.equal(found[0]!.path, `$…${'.a'.repeat(12)}`);
});

test('not JSON, JSON that does not parse, and a body cut short are told apart', () => {
  assert.equal(facts('<html>http://x.test/</html>', 'text/html').format, 'not-json');
  assert.equal(facts('{"a":', 'application/json').format, 'invalid-json');
  assert.equal(facts('[1,2', 'text/plain').format, 'not-json');
  assert.equal(facts('["http://a.test/"]', 'text/plain').format, 'json', 'JSON without its content type is still read');
  const cut = facts('{"a":"http://a.test/"', 'application/json', 'the body is longer than 5 bytes');
  assert.deepEqual(
    [cut.format, cut.incomplete, cut.insecureUrls],
    ['invalid-json', 'the body is longer than 5 bytes', []],
  );
});
