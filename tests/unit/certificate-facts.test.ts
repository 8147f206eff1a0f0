// The collector's certificate facts on real certificates made with the lab's PKI: key sizes,
// signature hashes, self-signed detection, the trust anchor and browser-style name matching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { issue } from '../../lab/pki.ts';
import { createLabPki } from '../../lab/server.ts';
import { certificateFacts, coversHost, trustAnchor } from '../../src/collectors/certificate-facts.ts';

const pki = await createLabPki();
const ca = [pki.root.certPem];
const node = (pem: string) => new X509Certificate(pem);
const leafWith = async (sans: string[] | null) => node((await issue({ commonName: 'example.test', sans }, pki.intermediate)).certPem);

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
  const leaf = node((await issue({ commonName: 'weak.test', sans: ['weak.test'], key: { type: 'rsa', bits: 1024 }, hash: 'SHA-1' }, pki.intermediate)).certPem);
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
