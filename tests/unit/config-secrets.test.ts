// No config error message may show a value substituted from the environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED } from '../../src/model/redact.ts';
import { oneSite, problems } from './config-helpers.ts';

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
