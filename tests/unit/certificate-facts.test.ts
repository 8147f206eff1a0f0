// The collector's certificate facts on real certificates made with the lab's PKI: key sizes,
// signature hashes, self-signed detection, the trust anchor and browser-style name matching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { issue, rawExtension } from '../../lab/pki.ts';
import { createLabPki } from '../../lab/server.ts';
import { certificateFacts, coversHost, trustAnchor } from '../../src/probes/certificate-facts.ts';
import { readExtensions } from '../../src/probes/certificate-extensions.ts';

const pki = await createLabPki();
const ca = [pki.root.certPem];
const node = (pem: string) => new X509Certificate(pem);
const leafWith = async (sans: string[] | null) =>
  node((await issue({ commonName: 'example.test', sans }, pki.intermediate)).certPem);

test('wildcards cover exactly one left-most label, never the apex', async () => {
  const wildcard = await leafWith(['*.example.test']);
  assert.equal(coversHost(wildcard, 'a.example.test'), true);
  assert.equal(coversHost(wildcard, 'example.test'), false);
  assert.equal(coversHost(wildcard, 'a.b.example.test'), false);
});

test('a certificate without SAN covers nothing, even the name in its CN', async () => {
  const noSan = await leafWith(null);
  assert.equal(coversHost(noSan, 'example.test'), false);
  assert.equal(certificateFacts(noSan, ca).subjectAltNames, null);
});

test('facts: names, dates, key, signature, fingerprint', async () => {
  const leaf = node(
    (
      await issue(
        { commonName: 'weak.test', sans: ['weak.test'], key: { type: 'rsa', bits: 1024 }, hash: 'SHA-1' },
        pki.intermediate,
      )
    ).certPem,
  );
  const facts = certificateFacts(leaf, ca);
  assert.equal(facts.subject, 'CN=weak.test');
  assert.deepEqual(facts.subjectAltNames, ['weak.test']);
  assert.equal(facts.issuer, 'CN=Site Security Lab Issuing CA');
  assert.equal(facts.keyType, 'rsa');
  assert.equal(facts.keyBits, 1024);
  assert.equal(facts.signatureHash, 'SHA-1');
  assert.equal(facts.signatureAlgorithm, 'ECDSA with SHA-1');
  assert.equal(facts.sha256Fingerprint, leaf.fingerprint256);
  assert.equal(facts.validTo, new Date(leaf.validTo).toISOString());
  assert.equal(facts.selfSigned, false);
  assert.equal(facts.inTrustStore, false);
  assert.equal(certificateFacts(node(pki.root.certPem), ca).inTrustStore, true);
  assert.equal(certificateFacts(node(pki.intermediate.certPem), ca).keyBits, 256);
});

test('a self-signed leaf is self-signed although it may not sign certificates', async () => {
  const self = node((await issue({ commonName: 'self.test', sans: ['self.test'] })).certPem);
  assert.equal(certificateFacts(self, ca).selfSigned, true);
  assert.equal(trustAnchor([self], ca), undefined);
});

test('the trust anchor is reached through the sent intermediate, not without it', async () => {
  const leaf = await leafWith(['example.test']);
  assert.equal(trustAnchor([leaf, node(pki.intermediate.certPem)], ca), 'CN=Site Security Lab Root CA');
  assert.equal(trustAnchor([leaf], ca), undefined);
  assert.equal(trustAnchor([leaf, node(pki.intermediate.certPem)], [...ca.slice(1)]), undefined);
});

const SAN = '2.5.29.17';
const withSan = async (...der: number[]) =>
  node(
    (await issue({ commonName: 'bad.test', sans: null, extensions: [rawExtension(SAN, ...der)] }, pki.intermediate))
      .certPem,
  );

test('a malformed subjectAltName is a recorded parse error, never an exception; the rest is still read', async () => {
  const cases: [number[], RegExp][] = [
    [[0x04, 3, 0x61, 0x62, 0x63], /SubjectAlternativeName ASN1 schema/], // an OCTET STRING, not a SEQUENCE
    [[0x30, 5, 0x89, 3, 0x61, 0x62, 0x63], /GeneralName ASN1 schema/], // the unknown GeneralName tag [9]
    [[0x30, 0], /holds no name/],
    [[0x30, 7, 0x87, 5, 10, 0, 0, 1, 1], /the iPAddress 0a00000101 is neither 4 nor 16 octets/],
    [[0x30, 6, 0x82, 4, 0x61, 0xff, 0x2e, 0x74], /is not ASCII/],
  ];
  for (const [der, message] of cases) {
    const facts = certificateFacts(await withSan(...der), ca);
    assert.deepEqual(facts.subjectAltNames, []);
    assert.equal(facts.parseErrors?.length, 1);
    assert.equal(facts.parseErrors[0]!.part, 'subjectAltName');
    assert.match(facts.parseErrors[0]!.message, message);
    assert.equal(facts.subject, 'CN=bad.test');
    assert.equal(facts.signatureHash, 'SHA-256');
  }
});

test('a leaf OpenSSL cannot parse still leads to its trusted root by issuer name and signature', async () => {
  const leaf = await withSan(0x04, 3, 0x61, 0x62, 0x63);
  assert.equal(leaf.checkIssued(node(pki.intermediate.certPem)), false);
  assert.equal(trustAnchor([leaf, node(pki.intermediate.certPem)], ca), 'CN=Site Security Lab Root CA');
});

test('where the issuer certificate is published (AIA caIssuers) is read; a root issues without it', async () => {
  assert.deepEqual(certificateFacts(await leafWith(['example.test']), ca).caIssuers, [
    'http://pki.lab.test/issuing-ca.crt',
  ]);
  assert.equal(certificateFacts(node(pki.intermediate.certPem), ca).caIssuers, undefined);
  const byUntrusted = node((await issue({ commonName: 'x.test', sans: ['x.test'] }, pki.untrustedRoot)).certPem);
  assert.equal(certificateFacts(byUntrusted, ca).caIssuers, undefined);
});

test('a structure that cannot be parsed at all is recorded, never thrown', () => {
  assert.deepEqual(
    readExtensions(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05])).parseErrors.map((e) => e.part),
    ['certificate'],
  );
});
