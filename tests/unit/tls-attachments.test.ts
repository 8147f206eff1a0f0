import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderEvidence } from '../../src/report/attachments.ts';
import { certificate, deadTlsHost, tlsEvidence, tlsHost } from './evidence-builders.ts';

test('the tls attachment shows the chain and every probe, unprobed ones in plain words', () => {
  const [attachment] = renderEvidence('tls', tlsEvidence(tlsHost('example.test'), deadTlsHost('down.example.test')));
  assert.ok(attachment && 'markdown' in attachment);
  const body = attachment.markdown;
  assert.match(body, /^## example\.test \(connected to example\.test:443\)$/m);
  assert.match(
    body,
    /\| CN=example\.test \| example\.test \| CN=Issuing CA \| 2026-05-02 \| 2026-07-31 \| 60 \| ec 256 \| ECDSA with SHA-256 \| AA:BB \|/,
  );
  assert.match(body, /\| 2 \(trust store\) \| CN=Root CA \| \(no SAN extension\) \| \(self-signed\) \|/);
  assert.match(body, /\| EXPORT \| cipher family \| NOT PROBED: the library cannot offer EXPORT \|/);
  assert.match(body, /\| TLSv1\.2 \| protocol \| accepted/);
  assert.match(body, /down\.example\.test[\s\S]*No certificate: refused ECONNREFUSED/);
});

test('the chain table shows a subjectAltName that cannot be parsed, and only the first 20 of thousands of names', () => {
  const many = Array.from({ length: 5000 }, (_, i) => `n${i}.example.test`);
  const hosts = [
    tlsHost('many.example.test', { chain: [certificate({ subjectAltNames: many })] }),
    tlsHost('bad.example.test', {
      chain: [
        certificate({ subjectAltNames: [], parseErrors: [{ part: 'subjectAltName', message: 'Data does not match' }] }),
      ],
    }),
  ];
  const [attachment] = renderEvidence('tls', tlsEvidence(...hosts));
  assert.ok(attachment && 'markdown' in attachment);
  const body = attachment.markdown;
  assert.match(body, /n0\.example\.test, n1\.example\.test, .*, n19\.example\.test and 4980 more /);
  assert.doesNotMatch(body, /n20\.example\.test/);
  assert.match(body, /\(cannot be parsed: Data does not match\)/);
});
