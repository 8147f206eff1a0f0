// No config error message may show a value substituted from the environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED } from '../../src/model/redact.ts';
import { oneSite, problems } from './config-helpers.ts';
import { anyIndex, NO_PLACEHOLDER_FIELDS } from '../../src/config/load.ts';

const SECRET = 'hunter2-from-env';

test('a site name may not come from ${VAR}: names reach test titles and file names', () => {
  const list = problems(
    {
      sites: [
        { name: '${NAME}', url: 'https://a.test/' },
        { name: '${NAME}', url: 'https://b.test/' },
      ],
    },
    { NAME: SECRET },
  );
  assert.ok(
    list.includes(
      '$.sites[0].name: a name cannot use ${VAR}: names appear in test titles and file names, which cannot be redacted',
    ),
    list.join('\n'),
  );
  assert.ok(
    list.includes(
      '$.sites[1].name: a name cannot use ${VAR}: names appear in test titles and file names, which cannot be redacted',
    ),
    list.join('\n'),
  );
  for (const p of list) assert.ok(!p.includes(SECRET), `secret in: ${p}`);
});

test('every other message is redacted', () => {
  assert.deepEqual(problems(oneSite({ subdomains: ['${SUB}'] }), { SUB: '10.0.0.5' }), [
    `$.sites[0].subdomains[0]: "${REDACTED}" is an IP address: certificates, HSTS and cookies are bound to names: list the host name and use connectTo to reach the address`,
  ]);
});

test('no identifier field may come from ${VAR}: flow references, accepted checks, codes and sites, severities', () => {
  const list = problems(
    {
      policy: { failOn: '${SEV}' },
      sites: [
        {
          name: 'shop',
          url: 'https://a.test/',
          policy: { failOn: '${SEV}' },
          flows: [
            { name: 'login', steps: [{ goto: '/' }] },
            { name: 'checkout', after: '${FLOW}', steps: [{ goto: '/' }] },
          ],
        },
      ],
      accept: [{ check: '${CHECK}', code: '${CODE}', site: '${SITE}', reason: 'r', expires: '2099-01-01' }],
    },
    { SEV: 'medium', FLOW: 'login', CHECK: 'hsts', CODE: 'hsts.missing', SITE: 'shop' },
  );
  const refused = list.filter((p) => p.includes('cannot use ${VAR}')).map((p) => p.split(':')[0]!);
  assert.deepEqual(refused.sort(), [
    '$.accept[0].check',
    '$.accept[0].code',
    '$.accept[0].site',
    '$.policy.failOn',
    '$.sites[0].flows[1].after',
    '$.sites[0].policy.failOn',
  ]);
  // Every field so refused is named in the one table the secrets test reads.
  for (const where of refused) assert.ok(NO_PLACEHOLDER_FIELDS[anyIndex(where)], where);
});
