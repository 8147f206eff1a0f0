// Planted flaws for https-port-443: each listed host fails to answer on 443 in its own way.
import { NO_COOKIES, NO_SENSITIVE_FORMS, type LabSite } from '../types.ts';
import { page, routes } from '../respond.ts';

const NO_HANDSHAKE = [
  'refused.ports.lab.test',
  'silent.ports.lab.test',
  'nodns.ports.lab.invalid',
  'plain.ports.lab.test',
];

export const unreachable: LabSite = {
  name: 'unreachable-hosts',
  purpose:
    'https-port-443: refused, timeout, DNS failure, TLS handshake failure, and a handshake never followed by an HTTP answer',
  pages: ['/'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    'https-port-443': {
      status: 'failed',
      findings: [
        ['high', 'https-port-443.refused', 'refused.ports.lab.test'],
        ['high', 'https-port-443.timeout', 'silent.ports.lab.test'],
        ['high', 'https-port-443.dns-failed', 'nodns.ports.lab.invalid'],
        ['high', 'https-port-443.handshake-failed', 'plain.ports.lab.test'],
        ['medium', 'https-port-443.no-http-answer', 'mute.ports.lab.test', /no HTTP response headers within 5000 ms/],
      ],
    },
    // Port 80 of the dead hosts does not answer either: nothing to judge, and no double report.
    'http-redirect': {
      status: 'error',
      unmeasured: ['refused.ports.lab.test', 'silent.ports.lab.test', 'nodns.ports.lab.invalid'],
    },
    'no-downgrade': {
      status: 'error',
      unmeasured: ['refused.ports.lab.test', 'silent.ports.lab.test', 'nodns.ports.lab.invalid'],
    },
    hsts: { status: 'error', unmeasured: [...NO_HANDSHAKE, 'mute.ports.lab.test'] },
    // No handshake, so no certificate or protocol to judge: could not measure, never a certificate finding.
    'certificate-trust': { status: 'error', unmeasured: NO_HANDSHAKE },
    'certificate-validity': { status: 'error', unmeasured: NO_HANDSHAKE },
    'certificate-hostnames': { status: 'error', unmeasured: NO_HANDSHAKE },
    'certificate-strength': { status: 'error', unmeasured: NO_HANDSHAKE },
    'tls-protocols': { status: 'error', unmeasured: NO_HANDSHAKE },
    'tls-ciphers': { status: 'error', unmeasured: NO_HANDSHAKE },
  },
  hosts: [
    {
      host: 'ports.lab.test',
      https: { kind: 'serve', handler: routes({ '/': (res) => page(res, 'Ports', '<p>ok</p>') }) },
    },
    { host: 'refused.ports.lab.test', https: { kind: 'refuse' }, http: 'refuse' },
    { host: 'silent.ports.lab.test', https: { kind: 'silent' }, http: 'refuse' },
    { host: 'nodns.ports.lab.invalid', https: { kind: 'no-dns' } },
    { host: 'plain.ports.lab.test', https: { kind: 'plain-http' } },
    // Its http:// redirect leads to the silence on 443: a note for http-redirect, not a second finding.
    { host: 'mute.ports.lab.test', https: { kind: 'mute' } },
  ],
};

export const serverError: LabSite = {
  name: 'server-error',
  purpose: 'https-port-443: the site URL answers 503 (a warning, not a failure)',
  pages: ['/'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    'https-port-443': {
      status: 'warning',
      findings: [['low', 'https-port-443.server-error', 'https://broken.lab.test/']],
    },
  },
  hosts: [
    {
      host: 'broken.lab.test',
      https: { kind: 'serve', handler: (_req, res) => page(res, 'Unavailable', '<p>down</p>', { status: 503 }) },
    },
  ],
};
