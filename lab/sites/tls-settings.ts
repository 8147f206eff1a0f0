// Planted TLS configuration flaws on listed subdomains; the site's own host is clean.
import { NO_COOKIES, NO_SENSITIVE_FORMS, type LabSite } from '../types.ts';
import { page, routes } from '../respond.ts';

const ok = (title: string) => routes({ '/': (res) => page(res, title, '<p>ok</p>') });

export const tlsSettings: LabSite = {
  name: 'tls-flaws',
  purpose:
    'tls-protocols, tls-ciphers: a host accepting TLS 1.0/1.1, a host accepting NULL and anonymous suites, a host speaking TLS 1.0/1.1 only with NULL or anonymous suites',
  pages: ['/'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    'tls-protocols': {
      status: 'failed',
      findings: [
        ['medium', 'tls-protocols.obsolete-protocol', 'legacy.tls.lab.test', /^accepts TLSv1, which is obsolete/],
        ['medium', 'tls-protocols.obsolete-protocol', 'legacy.tls.lab.test', /^accepts TLSv1\.1, which is obsolete/],
        [
          'medium',
          'tls-protocols.obsolete-protocol',
          'nullonly.tls.lab.test',
          /^accepts TLSv1, which is obsolete \(negotiated \S*(NULL|ADH|AECDH)/,
        ],
        [
          'medium',
          'tls-protocols.obsolete-protocol',
          'nullonly.tls.lab.test',
          /^accepts TLSv1\.1, which is obsolete \(negotiated \S*(NULL|ADH|AECDH)/,
        ],
      ],
    },
    'tls-ciphers': {
      status: 'failed',
      findings: [
        ['high', 'tls-ciphers.null', 'weakciphers.tls.lab.test'],
        ['high', 'tls-ciphers.anonymous', 'weakciphers.tls.lab.test'],
        ['high', 'tls-ciphers.null', 'nullonly.tls.lab.test'],
        ['high', 'tls-ciphers.anonymous', 'nullonly.tls.lab.test'],
      ],
    },
  },
  hosts: [
    { host: 'tls.lab.test', https: { kind: 'serve', handler: ok('TLS') } },
    // Old protocols also need the lowest security level: their suites use SHA-1 MACs.
    {
      host: 'legacy.tls.lab.test',
      https: { kind: 'serve', handler: ok('Legacy'), tls: { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } },
    },
    // "ALL:COMPLEMENTOFALL" is every suite OpenSSL has, the NULL ones included.
    {
      host: 'weakciphers.tls.lab.test',
      https: { kind: 'serve', handler: ok('Weak ciphers'), tls: { ciphers: 'ALL:COMPLEMENTOFALL:@SECLEVEL=0' } },
    },
    // TLS 1.0 and 1.1 only with NULL or anonymous suites (AES-GCM needs TLS 1.2), as null.badssl.com:
    // a probe offering the default suites reads "refused" and misses both versions.
    {
      host: 'nullonly.tls.lab.test',
      https: {
        kind: 'serve',
        handler: ok('NULL only'),
        tls: { minVersion: 'TLSv1', ciphers: 'eNULL:aNULL:ECDHE+AESGCM:@SECLEVEL=0' },
      },
    },
  ],
};
