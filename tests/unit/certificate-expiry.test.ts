// The certificate expiry overview: each host with the date its served chain stops being valid
// and the days left, soonest first, hosts without a certificate last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bySoonest, certificateExpiry, expiryMarkdown } from '../../src/report/certificate-expiry.ts';
import {
  certificate,
  daysFromNow,
  deadTlsHost,
  intermediate,
  tlsEvidence,
  tlsHost,
  trustedRoot,
} from './evidence-builders.ts';

const withChain = (host: string, ...chain: ReturnType<typeof certificate>[]) => tlsHost(host, { chain });

test('every host with the soonest date of its served chain, soonest first', () => {
  const rows = certificateExpiry(
    'shop',
    tlsEvidence(
      withChain(
        'later.test',
        certificate({ subject: 'CN=later.test', validTo: daysFromNow(80) }),
        intermediate(),
        trustedRoot(),
      ),
      deadTlsHost('down.test'),
      withChain(
        'soon.test',
        certificate({ subject: 'CN=soon.test', validTo: daysFromNow(80) }),
        intermediate({ validTo: daysFromNow(5) }),
        trustedRoot(),
      ),
      withChain('gone.test', certificate({ subject: 'CN=gone.test', validTo: daysFromNow(-3.5) })),
    ),
  );
  assert.deepEqual(
    bySoonest(rows).map((r) => [r.host, r.daysLeft, r.certificate ?? r.problem]),
    [
      ['gone.test', -3, 'CN=gone.test'],
      ['soon.test', 5, 'CN=Issuing CA (intermediate)'],
      ['later.test', 80, 'CN=later.test'],
      ['down.test', undefined, 'host unreachable (see https-port-443)'],
    ],
  );
  const md = expiryMarkdown(rows);
  assert.match(md, /^\| expired 3 day\(s\) ago \| 2026-05-28 \| shop \| gone\.test \| CN=gone\.test \|$/m);
  assert.match(md, /^\| - \| not measured: host unreachable \(see https-port-443\) \| shop \| down\.test \|/m);
});
