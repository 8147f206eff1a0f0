import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateTrust } from '../../src/checks/certificate-trust.ts';
import { statusOf } from '../../src/checks/types.ts';
import { certificate, deadTlsHost, intermediate, site, tlsEvidence, tlsHost } from './evidence-builders.ts';

const run = (...hosts: ReturnType<typeof tlsHost>[]) => certificateTrust.run(site(), { tls: tlsEvidence(...hosts) });
const untrusted = (authorizationError: string, trustAnchor?: string) => ({
  protocol: 'TLSv1.3',
  cipher: 'x',
  authorized: false,
  authorizationError,
  coversHost: true,
  ...(trustAnchor ? { trustAnchor } : {}),
});

test('chains that lead to a trusted root pass', () => {
  const out = run(tlsHost('example.test'), tlsHost('www.example.test'));
  assert.deepEqual(out.findings, []);
  assert.deepEqual(out.checked, ['example.test', 'www.example.test']);
  assert.equal(statusOf(out), 'passed');
});

test('a self-signed certificate, a missing intermediate and an unknown issuer are separate findings', () => {
  const self = tlsHost('self.example.test', {
    handshake: untrusted('DEPTH_ZERO_SELF_SIGNED_CERT'),
    chain: [certificate({ subject: 'CN=self.example.test', issuer: 'CN=self.example.test', selfSigned: true })],
  });
  const leafOnly = tlsHost('leaf.example.test', { handshake: untrusted('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), chain: [certificate()] });
  const unknown = tlsHost('unknown.example.test', {
    handshake: untrusted('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'),
    chain: [certificate(), intermediate({ issuer: 'CN=Private Root' })],
  });
  const untrustedRoot = tlsHost('root.example.test', {
    handshake: untrusted('SELF_SIGNED_CERT_IN_CHAIN'),
    chain: [certificate(), intermediate(), certificate({ subject: 'CN=Private Root', issuer: 'CN=Private Root', selfSigned: true })],
  });
  const out = run(tlsHost('example.test'), self, leafOnly, unknown, untrustedRoot);
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.target]),
    [
      ['high', 'self.example.test'],
      ['high', 'leaf.example.test'],
      ['high', 'unknown.example.test'],
      ['high', 'root.example.test'],
    ],
  );
  assert.match(out.findings[0]!.message, /^self-signed certificate "CN=self\.example\.test"/);
  assert.match(out.findings[1]!.message, /^missing intermediate: the server sends only its leaf certificate; its issuer "CN=Issuing CA" is not a trusted root/);
  assert.match(out.findings[1]!.remediation!, /intermediate/);
  assert.match(out.findings[2]!.message, /^unknown issuer: the chain ends at "CN=Issuing CA", whose issuer "CN=Private Root"/);
  assert.match(out.findings[3]!.message, /^unknown issuer: the chain ends at the root "CN=Private Root"/);
  assert.equal(statusOf(out), 'failed');
});

test('date, name and strength errors on a trusted chain are left to their own checks', () => {
  const expired = tlsHost('old.example.test', { handshake: untrusted('CERT_HAS_EXPIRED', 'CN=Root CA') });
  const wrongName = tlsHost('name.example.test', { handshake: untrusted('ERR_TLS_CERT_ALTNAME_INVALID', 'CN=Root CA') });
  const sha1 = tlsHost('sha1.example.test', {
    handshake: untrusted('UNSPECIFIED', 'CN=Root CA'),
    chain: [certificate({ signatureHash: 'SHA-1', signatureAlgorithm: 'ECDSA with SHA-1' }), intermediate()],
  });
  const out = run(expired, wrongName, sha1);
  assert.deepEqual(out.findings, []);
  assert.equal(out.notes.length, 3);
  assert.match(out.notes[0]!, /CERT_HAS_EXPIRED is judged by certificate-validity/);
  assert.match(out.notes[1]!, /judged by certificate-hostnames/);
  assert.match(out.notes[2]!, /judged by certificate-strength/);
});

test('any other verification error on a trusted chain is a finding', () => {
  const badCa = tlsHost('ca.example.test', { handshake: untrusted('INVALID_CA', 'CN=Root CA') });
  // UNSPECIFIED without any weak key or hash is not explained by certificate-strength.
  const unexplained = tlsHost('odd.example.test', { handshake: untrusted('UNSPECIFIED', 'CN=Root CA') });
  const out = run(badCa, unexplained);
  assert.deepEqual(out.findings.map((f) => f.target), ['ca.example.test', 'odd.example.test']);
  assert.match(out.findings[0]!.message, /verification fails \(INVALID_CA\) although the chain leads to the trusted root "CN=Root CA"/);
});

test('a host without a handshake could not be measured, and is no certificate finding', () => {
  const out = run(tlsHost('example.test'), deadTlsHost('down.example.test'));
  assert.deepEqual(out.findings, []);
  assert.equal(out.unmeasured.length, 1);
  assert.equal(out.unmeasured[0]!.target, 'down.example.test');
  assert.equal(out.unmeasured[0]!.reason, 'host unreachable (see https-port-443)');
  assert.equal(statusOf(out), 'error');
});
