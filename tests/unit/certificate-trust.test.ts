import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateTrust } from '../../src/checks/certificate-trust.ts';
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
  const leafOnly = tlsHost('leaf.example.test', {
    handshake: untrusted('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
    chain: [certificate({ caIssuers: ['http://ca.example.test/issuing.crt'] })],
  });
  const unknown = tlsHost('unknown.example.test', {
    handshake: untrusted('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'),
    chain: [certificate(), intermediate({ issuer: 'CN=Private Root' })],
  });
  const untrustedRoot = tlsHost('root.example.test', {
    handshake: untrusted('SELF_SIGNED_CERT_IN_CHAIN'),
    chain: [
      certificate(),
      intermediate(),
      certificate({ subject: 'CN=Private Root', issuer: 'CN=Private Root', selfSigned: true }),
    ],
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
  assert.match(
    out.findings[1]!.message,
    /^missing intermediate: the server sends only its leaf certificate; its issuer "CN=Issuing CA" is neither sent nor a trusted root, and is an intermediate CA: the certificate says where the issuer's certificate is published, http:\/\/ca\.example\.test\/issuing\.crt/,
  );
  assert.match(out.findings[1]!.remediation!, /intermediate/);
  assert.match(
    out.findings[2]!.message,
    /^unknown issuer: the chain the server sends ends at "CN=Issuing CA", issued by "CN=Private Root", which is neither a trusted root nor sent/,
  );
  assert.match(out.findings[3]!.message, /^unknown issuer: the chain ends at the root "CN=Private Root"/);
  assert.equal(statusOf(out), 'failed');
});

test('date, name and strength errors on a trusted chain are left to their own checks', () => {
  const expired = tlsHost('old.example.test', { handshake: untrusted('CERT_HAS_EXPIRED', 'CN=Root CA') });
  const wrongName = tlsHost('name.example.test', {
    handshake: untrusted('ERR_TLS_CERT_ALTNAME_INVALID', 'CN=Root CA'),
  });
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
  assert.deepEqual(
    out.findings.map((f) => f.target),
    ['ca.example.test', 'odd.example.test'],
  );
  assert.match(
    out.findings[0]!.message,
    /verification fails \(INVALID_CA\) although the chain leads to the trusted root "CN=Root CA"/,
  );
});

test('a host without a handshake could not be measured, and is no certificate finding', () => {
  const out = run(tlsHost('example.test'), deadTlsHost('down.example.test'));
  assert.deepEqual(out.findings, []);
  assert.equal(out.unmeasured.length, 1);
  assert.equal(out.unmeasured[0]!.target, 'down.example.test');
  assert.equal(out.unmeasured[0]!.reason, 'host unreachable (see https-port-443)');
  assert.equal(statusOf(out), 'error');
});

test('a leaf signed directly by an untrusted root is an unknown issuer, not a missing intermediate', () => {
  const intercepted = tlsHost('mitm.example.test', {
    handshake: untrusted('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
    chain: [certificate({ subject: 'CN=mitm.example.test', issuer: 'CN=Superfish, Inc.' })],
  });
  const out = run(intercepted);
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.code, f.target]),
    [['high', 'unknown-issuer', 'mitm.example.test']],
  );
  assert.equal(
    out.findings[0]!.message,
    'unknown issuer: the server sends only its leaf certificate, issued by "CN=Superfish, Inc.", which is neither a trusted root nor sent by the server; the certificate names no issuer certificate to fetch, as one signed directly by a private or untrusted root does',
  );
});

test('the Authority Key Identifier tells an intermediate issuer (its issuer named apart) from a root (issued by itself)', () => {
  const byIntermediate = tlsHost('a.example.test', {
    handshake: untrusted('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
    chain: [certificate({ issuer: 'CN=Issuing CA', issuerIssuer: 'CN=Root CA' })],
  });
  const byRoot = tlsHost('b.example.test', {
    handshake: untrusted('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
    chain: [certificate({ issuer: 'CN=Private Root', issuerIssuer: 'CN=Private Root' })],
  });
  const out = run(byIntermediate, byRoot);
  assert.deepEqual(
    out.findings.map((f) => [f.code, f.target]),
    [
      ['missing-intermediate', 'a.example.test'],
      ['unknown-issuer', 'b.example.test'],
    ],
  );
  assert.match(out.findings[0]!.message, /Authority Key Identifier names the issuer's own issuer, "CN=Root CA"/);
  assert.match(
    out.findings[1]!.message,
    /issued by "CN=Private Root" \(a root: its Authority Key Identifier says it issued itself\)/,
  );
});

test('a certificate with a malformed extension is a finding even on a verified chain; a malformed leaf SAN is left to certificate-hostnames', () => {
  const badAia = tlsHost('aia.example.test', {
    chain: [
      certificate({
        parseErrors: [{ part: 'authorityInfoAccess', oid: '1.3.6.1.5.5.7.1.1', message: 'Data does not match' }],
      }),
      intermediate(),
      trustedRoot(),
    ],
  });
  // OpenSSL cannot link a leaf it cannot parse to its issuer: the chain seen is the leaf alone.
  const badSan = tlsHost('san.example.test', {
    handshake: untrusted('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
    chain: [
      certificate({
        subjectAltNames: [],
        parseErrors: [{ part: 'subjectAltName', oid: '2.5.29.17', message: 'Data does not match' }],
      }),
    ],
  });
  const out = run(badAia, badSan);
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.code, f.target]),
    [['high', 'malformed-certificate', 'aia.example.test']],
  );
  assert.equal(
    out.findings[0]!.message,
    'the certificate "CN=example.test" cannot be parsed: its authorityInfoAccess extension is malformed (Data does not match), so browsers reject it',
  );
  assert.deepEqual(out.notes, [
    'san.example.test: the chain is not judged past a certificate that cannot be parsed (see certificate-hostnames)',
  ]);
});
