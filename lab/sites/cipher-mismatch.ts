// A server offering only DHE suites: Node's default client completes a handshake with it, every
// current browser fails (Chromium: ERR_SSL_VERSION_OR_CIPHER_MISMATCH). https-port-443 says
// browsers cannot connect, with the suites offered and those browsers offer, and the page checks
// say they could not measure the host because browsers cannot complete a handshake with it.
import { NO_COOKIES, NO_SENSITIVE_FORMS, type LabSite } from '../types.ts';
import { issue, served } from '../pki.ts';
import { page, routes } from '../respond.ts';

const HOST = 'dhe.lab.test';
const NO_BROWSER: [string, RegExp] = [
  HOST,
  /^browsers cannot complete a TLS handshake with this host: the browser and the server have no TLS version or cipher suite in common \(net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH\) \(see https-port-443\)$/,
];
const PAGE_CHECKS = ['no-downgrade', 'hsts', 'mixed-content', 'secure-forms', ...Object.keys(NO_COOKIES)];

export const cipherMismatch: LabSite = {
  name: 'cipher-mismatch',
  purpose:
    'https-port-443: a host offering only DHE suites, which Node completes a handshake with and no current browser does; the page checks say why they could not measure it',
  pages: ['/'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    'https-port-443': {
      status: 'failed',
      findings: [
        [
          'high',
          'https-port-443.browser-handshake-failed',
          HOST,
          /^dhe\.lab\.test:443 completes a TLS handshake with Node's default client \(TLSv1\.2, TLS_DHE_RSA_WITH_AES_\d+_GCM_SHA\d+\), but not with what current browsers offer: the server accepts only TLS_DHE_RSA_WITH_AES_\d+_GCM_SHA\d+, TLS_DHE_RSA_WITH_AES_\d+_GCM_SHA\d+, which no current browser offers .* Browsers offer: TLS_AES_128_GCM_SHA256, /,
        ],
      ],
    },
    ...Object.fromEntries(PAGE_CHECKS.map((id) => [id, { status: 'error', unmeasured: [NO_BROWSER] }])),
  },
  hosts: [
    {
      host: HOST,
      https: {
        kind: 'serve',
        handler: routes({ '/': (res) => page(res, 'DHE only', '<p>no browser gets here</p>') }),
        // DHE-RSA suites need an RSA key.
        credentials: async (pki, host) =>
          served(
            await issue({ commonName: host, sans: [host], key: { type: 'rsa', bits: 2048 } }, pki.intermediate),
            pki.intermediate,
          ),
        tls: {
          ciphers: 'DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384',
          maxVersion: 'TLSv1.2',
          dhparam: 'auto',
        },
      },
    },
  ],
};
