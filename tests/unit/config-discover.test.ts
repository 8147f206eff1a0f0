// sites.json `discover`: true means the defaults, an object sets any of them, a site's own wins
// over the file's, every problem is named by its JSON path, and no ${VAR} may be used there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertProblems, oneSite, parse, problems } from './config-helpers.ts';
import { DEFAULT_DISCOVERY } from '../../src/model/defaults.ts';

const DEFAULTS = {
  hosts: true,
  maxHosts: DEFAULT_DISCOVERY.maxHosts,
  pages: {
    maxPages: DEFAULT_DISCOVERY.maxPages,
    maxDepth: DEFAULT_DISCOVERY.maxDepth,
    exclude: [],
    budgetMs: DEFAULT_DISCOVERY.budgetMs,
  },
};

test('without discover, a site has no discover field at all (its shape as before)', () => {
  assert.equal('discover' in parse(oneSite()).sites[0]!, false);
});

test('discover: true gives the defaults: hosts on, a small crawl, CT off', () => {
  assert.deepEqual(parse(oneSite({}, { discover: true })).sites[0]!.discover, DEFAULTS);
  assert.deepEqual(parse(oneSite({ discover: true })).sites[0]!.discover, DEFAULTS);
});

test("a site's discover wins over the file's, false included", () => {
  assert.equal(parse(oneSite({ discover: false }, { discover: true })).sites[0]!.discover, undefined);
  const site = parse(
    oneSite(
      {
        discover: {
          hosts: false,
          pages: { maxPages: 30, exclude: ['/logout'] },
          ct: { url: 'https://crt.sh/?q=%25.{domain}&output=json' },
        },
      },
      { discover: { maxHosts: 3 } },
    ),
  ).sites[0]!;
  assert.deepEqual(site.discover, {
    hosts: false,
    maxHosts: DEFAULT_DISCOVERY.maxHosts,
    pages: { ...DEFAULTS.pages, maxPages: 30, exclude: ['/logout'] },
    ct: { url: 'https://crt.sh/?q=%25.{domain}&output=json' },
  });
  assert.equal(parse(oneSite({ discover: { pages: false } })).sites[0]!.discover?.pages, false);
});

test('every problem is named at its own path', () => {
  assertProblems(
    problems(
      oneSite(
        {
          discover: {
            maxHosts: 'many',
            pages: { maxPages: 0, maxDepth: 100, exclude: ['('], budgetMs: 10_000_000, colour: 1 },
            ct: { url: 'http://crt.sh/?q={domain}' },
          },
        },
        { discover: 'yes' },
      ),
    ),
    [
      /^\$\.discover: expected true, false or an object/,
      /^\$\.sites\[0\]\.discover\.maxHosts: .*expected number/,
      /^\$\.sites\[0\]\.discover\.pages\.maxPages: .*>=1/,
      /^\$\.sites\[0\]\.discover\.pages\.maxDepth: .*<=20/,
      /^\$\.sites\[0\]\.discover\.pages\.exclude\[0\]: expected a valid regular expression$/,
      /^\$\.sites\[0\]\.discover\.pages\.budgetMs: at most 600000 ms/,
      /^\$\.sites\[0\]\.discover\.pages: unknown field "colour"$/,
      /^\$\.sites\[0\]\.discover\.ct\.url: the URL must start with https:\/\/$/,
    ],
  );
  assertProblems(problems(oneSite({ discover: { ct: { url: 'https://crt.sh/?q=shop' } } })), [
    /^\$\.sites\[0\]\.discover\.ct\.url: the URL must hold \{domain\}/,
  ]);
});

test('no ${VAR} in discover: the CT query goes to a third party and found names go into reports', () => {
  const list = problems(oneSite({ discover: { pages: { exclude: ['${PATTERN}'] } } }), { PATTERN: 'sekrit-value' });
  assertProblems(list, [/^\$\.sites\[0\]\.discover\.pages\.exclude\[0\]: discover settings cannot use \$\{VAR\}/]);
  assert.ok(!list.join('\n').includes('sekrit-value'));
});
