import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateHostnames } from '../../src/checks/certificate-hostnames.ts';
import { statusOf } from '../../src/model/findings.ts';
import { certificate, deadTlsHost, site, tlsEvidence, tlsHost } from './evidence-builders.ts';

const uncovered = (host: string, subjectAltNames: string[] | null) =>
  tlsHost(host, {
    handshake: {
      protocol: 'TLSv1.3',
      cipher: 'x',
      authorized: false,
      authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID',
      trustAnchor: 'CN=Root CA',
      coversHost: false,
    },
    chain: [certificate({ subject: `CN=${host}`, subjectAltNames })],
  });

test('covered hosts pass', () => {
  const out = certificateHostnames.run(site(), {
    tls: tlsEvidence(tlsHost('example.test'), tlsHost('www.example.test')),
  });
  assert.deepEqual(out.findings, []);
  assert.equal(statusOf(out), 'passed');
});

test('an uncovered host is one finding listing the names the certificate covers', () => {
  const out = certificateHostnames.run(site(), {
    tls: tlsEvidence(tlsHost('example.test'), uncovered('www.example.test', ['*.www.example.test', 'other.test'])),
  });
  assert.deepEqual(out.findings, [
    {
      code: 'name-mismatch',
      severity: 'high',
      target: 'www.example.test',
      message: 'the certificate does not cover www.example.test; it covers: *.www.example.test, other.test',
    },
  ]);
  assert.equal(statusOf(out), 'failed');
});

test('a certificate without SAN covers nothing, whatever its CN says', () => {
  const out = certificateHostnames.run(site(), { tls: tlsEvidence(uncovered('example.test', null)) });
  assert.equal(out.findings.length, 1);
  assert.match(
    out.findings[0]!.message,
    /"CN=example\.test" has no subjectAltName extension, so browsers accept it for no name at all/,
  );
});

test('a host without a handshake could not be measured', () => {
  const out = certificateHostnames.run(site(), {
    tls: tlsEvidence(tlsHost('example.test'), deadTlsHost('www.example.test', 'dns')),
  });
  assert.deepEqual(
    out.unmeasured.map((u) => u.target),
    ['www.example.test'],
  );
  assert.deepEqual(out.findings, []);
});

test('a subjectAltName that cannot be parsed is its own finding: browsers reject the certificate', () => {
  const malformed = tlsHost('bad.example.test', {
    handshake: {
      protocol: 'TLSv1.3',
      cipher: 'x',
      authorized: false,
      authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      coversHost: false,
    },
    chain: [
      certificate({
        subject: 'CN=bad.example.test',
        subjectAltNames: [],
        parseErrors: [
          {
            part: 'subjectAltName',
            oid: '2.5.29.17',
            message: 'Data does not match to SubjectAlternativeName ASN1 schema.',
          },
        ],
      }),
    ],
  });
  const out = certificateHostnames.run(site(), { tls: tlsEvidence(tlsHost('example.test'), malformed) });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.code, f.target]),
    [['high', 'malformed-san', 'bad.example.test']],
  );
  assert.equal(
    out.findings[0]!.message,
    'the certificate "CN=bad.example.test" cannot be parsed: its subjectAltName is malformed (Data does not match to SubjectAlternativeName ASN1 schema.), so browsers reject the certificate',
  );
});

test('a certificate with thousands of names lists the first 20 and counts the rest', () => {
  const many = Array.from({ length: 5000 }, (_, i) => `n${i}.other.test`);
  const out = certificateHostnames.run(site(), {
    tls: tlsEvidence(tlsHost('example.test'), uncovered('www.example.test', many)),
  });
  assert.match(out.findings[0]!.message, /it covers: n0\.other\.test, .*, n19\.other\.test and 4980 more$/);
});
