import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderEvidence } from '../../src/report/attachments.ts';
import { pages, response, visit } from './evidence-builders.ts';

const PAGE = 'https://example.test/';

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
  assert.match(byName.get('insecure content')!.body!, /https:\/\/example\.test\/\s+http:\/\/cdn\.test\/a\.png\s+image\s+img\[src\]\s+not-requested/);
  assert.match(byName.get('cookies')!.body!, /sid\s+https:\/\/example\.test\/\s+header\s+yes\s+NO\s+MISSING\s+\(host only\)\s+\//);
  assert.equal(byName.get(`screenshot ${PAGE}`)!.path, shot);
});

test('empty tables say so', () => {
  const byName = new Map(renderEvidence('pages', pages(visit(PAGE))).map((a) => [a.name, a]));
  assert.match(byName.get('cookies')!.body!, /^\(none\)/m);
  assert.match(byName.get('insecure content')!.body!, /^\(none\)/m);
});
