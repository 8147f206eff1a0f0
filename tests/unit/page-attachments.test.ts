import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderEvidence, type Attachment } from '../../src/report/attachments.ts';
import { htmlPage } from '../../src/report/markdown.ts';
import { pages, response, visit } from './evidence-builders.ts';

const PAGE = 'https://example.test/';
const markdown = (a: Attachment | undefined): string =>
  a && 'markdown' in a ? a.markdown : assert.fail(`not a table: ${a?.name}`);

test('the pages evidence renders the insecure content and cookie tables and each existing screenshot', () => {
  const shot = path.join(mkdtempSync(path.join(os.tmpdir(), 'shot-')), 'a.png');
  writeFileSync(shot, '');
  const evidence = pages(
    visit(PAGE, {
      screenshot: shot,
      responses: [response(PAGE, { headers: [['set-cookie', 'sid=(value not recorded); Secure; Path=/']] })],
      insecureReferences: [{ url: 'http://cdn.test/a.png', frameUrl: PAGE, kind: 'image', via: 'img[src]' }],
    }),
    visit('https://example.test/gone', { screenshot: '/nonexistent/b.png' }),
  );
  const byName = new Map(renderEvidence('pages', evidence).map((a) => [a.name, a]));
  assert.deepEqual([...byName.keys()], ['pages', 'insecure content', 'cookies', `screenshot ${PAGE}`]);
  assert.match(
    markdown(byName.get('insecure content')),
    /^\| https:\/\/example\.test\/ \| http:\/\/cdn\.test\/a\.png \| image \| img\\\[src\\\] \| not-requested \|$/m,
  );
  assert.match(
    markdown(byName.get('cookies')),
    /^\| sid \| https:\/\/example\.test\/ \| header \| yes \| NO \| MISSING \| \(host only\) \| \/ \|$/m,
  );
  assert.deepEqual(byName.get(`screenshot ${PAGE}`), {
    name: `screenshot ${PAGE}`,
    contentType: 'image/png',
    path: shot,
  });
});

test('empty tables say so', () => {
  const byName = new Map(renderEvidence('pages', pages(visit(PAGE))).map((a) => [a.name, a]));
  assert.equal(markdown(byName.get('cookies')), 'No cookies were set.');
  assert.equal(markdown(byName.get('insecure content')), 'No insecure content.');
});

test('a value from a page reads literally in the HTML: no markup, link or emphasis of its own', () => {
  const evil = visit(PAGE, { error: '<img src=x onerror=alert(1)> | [link](javascript:alert(1)) __bold__' });
  const html = htmlPage('pages', markdown(renderEvidence('pages', pages(evil))[0]));
  assert.doesNotMatch(html, /<img|<a |<strong/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; \| \[link\]\(javascript:alert\(1\)\) __bold__/);
});
