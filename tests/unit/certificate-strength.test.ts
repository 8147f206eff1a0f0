import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateStrength } from '../../src/checks/certificate-strength.ts';
import { statusOf } from '../../src/model/findings.ts';
import {
  certificate,
  deadTlsHost,
  intermediate,
  site,
  tlsEvidence,
  tlsHost,
  trustedRoot,
} from './evidence-builders.ts';

const withChain = (host: string, ...chain: ReturnType<typeof certificate>[]) =>
  tlsHost(host, { chain: [chain[0]!, ...chain.slice(1)] });

test("RSA 2048, EC 256 and SHA-256 pass; the trusted root's own SHA-1 self-signature is not judged", () => {
  const rsa = withChain(
    'rsa.example.test',
    certificate({ keyType: 'rsa', keyBits: 2048, signatureHash: 'SHA-384' }),
    intermediate(),
    trustedRoot(),
  );
  const out = certificateStrength.run(site(), { tls: tlsEvidence(tlsHost('example.test'), rsa) });
  assert.deepEqual(out.findings, []);
  assert.equal(statusOf(out), 'passed');
});

test('each weak key or hash of the leaf or an intermediate is a finding naming the certificate', () => {
  const out = certificateStrength.run(site(), {
    tls: tlsEvidence(
      withChain('rsa.example.test', certificate({ subject: 'CN=rsa', keyType: 'rsa', keyBits: 1024 }), intermediate()),
      withChain('ec.example.test', certificate({ subject: 'CN=ec', keyBits: 224 }), intermediate()),
      withChain(
        'sha1.example.test',
        certificate(),
        intermediate({ signatureHash: 'SHA-1', signatureAlgorithm: 'RSASSA-PKCS1-v1_5 with SHA-1' }),
      ),
      withChain(
        'md5.example.test',
        certificate({ subject: 'CN=md5', signatureHash: 'MD5', signatureAlgorithm: 'md5WithRSAEncryption' }),
      ),
    ),
  });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.target, f.message]),
    [
      ['high', 'rsa.example.test', 'the certificate "CN=rsa": RSA key of 1024 bits (minimum 2048)'],
      ['high', 'ec.example.test', 'the certificate "CN=ec": EC key of 224 bits (minimum 256)'],
      [
        'high',
        'sha1.example.test',
        'the intermediate "CN=Issuing CA": signed with RSASSA-PKCS1-v1_5 with SHA-1: SHA-1 signatures can be forged and browsers reject them',
      ],
      [
        'high',
        'md5.example.test',
        'the certificate "CN=md5": signed with md5WithRSAEncryption: MD5 signatures can be forged and browsers reject them',
      ],
    ],
  );
  assert.equal(statusOf(out), 'failed');
});

test('a self-signed leaf is judged by its key, not by its self-signature', () => {
  const self = withChain(
    'self.example.test',
    certificate({ selfSigned: true, signatureHash: 'SHA-1', keyType: 'rsa', keyBits: 1024 }),
  );
  const out = certificateStrength.run(site(), { tls: tlsEvidence(self) });
  assert.equal(out.findings.length, 1);
  assert.match(out.findings[0]!.message, /RSA key of 1024 bits/);
});

test('a host without a handshake could not be measured', () => {
  const out = certificateStrength.run(site(), { tls: tlsEvidence(deadTlsHost('example.test')) });
  assert.deepEqual(
    out.unmeasured.map((u) => u.target),
    ['example.test'],
  );
});
