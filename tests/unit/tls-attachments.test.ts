import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderEvidence } from '../../src/report/attachments.ts';
import { deadTlsHost, tlsEvidence, tlsHost } from './evidence-builders.ts';

test('the tls attachment shows the chain and every probe, unprobed ones in plain words', () => {
  const [attachment] = renderEvidence('tls', tlsEvidence(tlsHost('example.test'), deadTlsHost('down.example.test')));
  assert.ok(attachment && 'markdown' in attachment);
  const body = attachment.markdown;
  assert.match(body, /^## example\.test \(connected to example\.test:443\)$/m);
  assert.match(body, /\| CN=example\.test \| example\.test \| CN=Issuing CA \| 2026-05-02 \| 2026-07-31 \| 60 \| ec 256 \| ECDSA with SHA-256 \| AA:BB \|/);
  assert.match(body, /\| 2 \(trust store\) \| CN=Root CA \| \(no SAN extension\) \| \(self-signed\) \|/);
  assert.match(body, /\| EXPORT \| cipher family \| NOT PROBED: the library cannot offer EXPORT \|/);
  assert.match(body, /\| TLSv1\.2 \| protocol \| accepted/);
  assert.match(body, /down\.example\.test[^]*No certificate: refused ECONNREFUSED/);
});
