// The crawl's frontier: URLs normalised, one host, levels in URL order, and every bound kept and
// said (maxPages, maxDepth, the time budget, exclusions, sign-out and delete links).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CrawlFrontier, normalisePageUrl } from '../../src/driving/crawl-frontier.ts';
import type { CrawlBounds } from '../../src/model/site.ts';

const BOUNDS: CrawlBounds = { maxPages: 10, maxDepth: 2, exclude: [], budgetMs: 60_000 };
const frontier = (bounds: Partial<CrawlBounds> = {}, listed = ['https://shop.test/']) =>
  new CrawlFrontier('shop.test', { ...BOUNDS, ...bounds }, listed);

test('normalised: fragment, default port and tracking parameters dropped; the rest kept as written', () => {
  assert.equal(
    normalisePageUrl('https://Shop.test:443/a/b/?utm_source=x&id=2&gclid=9&fbclid=1&b=1#top'),
    'https://shop.test/a/b/?id=2&b=1',
  );
  assert.equal(normalisePageUrl('https://shop.test/x?utm_medium=y'), 'https://shop.test/x');
  assert.equal(normalisePageUrl('https://www.shop.test:8443/'), 'https://www.shop.test:8443/');
  assert.equal(normalisePageUrl('mailto:a@shop.test'), undefined);
  assert.equal(normalisePageUrl('javascript:void(0)'), undefined);
});

test('only https pages of its own host, each once, never a listed one again', () => {
  const f = frontier();
  f.offer('https://shop.test/#top', 'linked from https://shop.test/about', 1);
  f.offer('http://shop.test/plain', 'linked from x', 1);
  f.offer('https://other.test/', 'linked from x', 1);
  f.offer('https://shop.test/b', 'first', 1);
  f.offer('https://shop.test/b#again', 'second', 1);
  f.offer('https://shop.test/b?utm_campaign=z', 'third', 1);
  assert.deepEqual(f.nextLevel(), [{ url: 'https://shop.test/b', from: 'first', depth: 1 }]);
  assert.deepEqual(f.nextLevel(), []);
});

test('breadth first, in URL order whatever order the links came in', () => {
  const f = frontier();
  f.offer('https://shop.test/z', 'a', 1);
  f.offer('https://shop.test/deep', 'a', 2);
  f.offer('https://shop.test/a', 'a', 1);
  assert.deepEqual(
    f.nextLevel().map((t) => t.url),
    ['https://shop.test/a', 'https://shop.test/z'],
  );
  f.markVisited(2);
  assert.deepEqual(
    f.nextLevel().map((t) => t.url),
    ['https://shop.test/deep'],
  );
});

test('maxPages and maxDepth hold, and each says what it left out', () => {
  const f = frontier({ maxPages: 3, maxDepth: 2 });
  for (const n of [1, 2]) f.offer(`https://shop.test/gen/${n}`, 'seed', 1);
  const first = f.nextLevel();
  f.markVisited(first.length);
  for (const n of [3, 4, 5, 6]) f.offer(`https://shop.test/gen/${n}`, 'linked', 2);
  const second = f.nextLevel();
  assert.deepEqual(
    second.map((t) => t.url),
    ['https://shop.test/gen/3'],
  );
  f.markVisited(1);
  f.offer('https://shop.test/gen/7', 'linked', 3);
  assert.deepEqual(f.nextLevel(), []);
  const left = f.leftOut(undefined);
  assert.deepEqual(left.bounds, [
    'stopped at maxPages 3: 3 more links not visited',
    'stopped at maxDepth 2: 1 link(s) deeper than 2 not visited',
  ]);
  assert.deepEqual(
    left.pages.map((p) => [p.url, p.why]),
    [
      ['https://shop.test/gen/4', 'past maxPages 3'],
      ['https://shop.test/gen/5', 'past maxPages 3'],
      ['https://shop.test/gen/6', 'past maxPages 3'],
      ['https://shop.test/gen/7', 'deeper than maxDepth 2'],
    ],
  );
});

test('pages not visited when the time budget ran out are said to be so', () => {
  const f = frontier();
  f.offer('https://shop.test/a', 'seed', 1);
  f.offer('https://shop.test/b', 'seed', 1);
  const level = f.nextLevel();
  f.markVisited(1);
  f.putBack(level.slice(1));
  assert.deepEqual(f.leftOut({ budgetMs: 5000 }).bounds, ['stopped at budgetMs 5000: 1 more link not visited']);
});

test('exclude patterns and links that look like sign-out or delete links are never followed', () => {
  const f = frontier({ exclude: ['^/private/', 'print=1'] });
  for (const path of [
    '/logout',
    '/account/sign-out',
    '/signout?next=/',
    '/items/3/delete',
    '/private/report',
    '/page?print=1',
    '/ok',
  ])
    f.offer(`https://shop.test${path}`, 'seed', 1);
  assert.deepEqual(
    f.nextLevel().map((t) => t.url),
    ['https://shop.test/ok'],
  );
  const { notes } = f.leftOut(undefined);
  assert.match(notes[0]!, /^2 link\(s\) not followed \(exclude\): https:\/\/shop\.test\/private\/report/);
  assert.match(notes[1]!, /^4 link\(s\) not followed \(they look like sign-out or delete links\)/);
});
