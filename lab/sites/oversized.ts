// Oversized answers seen on hostile servers: each must be read within a bound and judged
// quickly, never hold or crash the run. The site's own host is clean; the flaws are on
// listed subdomains, which only the Node probes (transport and TLS) visit.
import {
  NO_COOKIES,
  NO_SENSITIVE_FORMS,
  type Credentials,
  type ExpectedFinding,
  type LabPki,
  type LabSite,
} from '../types.ts';
import { issue, type Issued } from '../pki.ts';
import { HSTS_GOOD, page, redirect, routes } from '../respond.ts';

const MB = 1024 * 1024;
const ok = (title: string) => routes({ '/': (res) => page(res, title, '<p>ok</p>') });

/** A leaf naming its host among 5,000 names: about 60 KB, under the 100 KB certificate message OpenSSL clients accept. */
async function manySans(pki: LabPki, host: string): Promise<Credentials> {
  const sans = [...Array.from({ length: 4999 }, (_, i) => `n${i}.o.test`), host];
  const leaf = await issue({ commonName: host, sans }, pki.intermediate);
  return { key: leaf.keyPem, cert: leaf.certPem + pki.intermediate.certPem };
}

/** The leaf and 49 intermediates, each issued by the one before, from the lab root: 50 certificates sent. */
async function longChain(pki: LabPki, host: string): Promise<Credentials> {
  const intermediates: Issued[] = [];
  let issuer = pki.root;
  for (let i = 1; i <= 49; i++) {
    issuer = await issue({ commonName: `Chain Link ${i}`, sans: null, isCa: true }, issuer);
    intermediates.unshift(issuer);
  }
  const leaf = await issue({ commonName: host, sans: [host] }, issuer);
  return { key: leaf.keyPem, cert: leaf.certPem + intermediates.map((c) => c.certPem).join('') };
}

/** A leaf naming its host among 9,000 names: about 125 KB, over the 100 KB certificate message OpenSSL and Chromium accept. */
async function tooManySans(pki: LabPki, host: string): Promise<Credentials> {
  const sans = [...Array.from({ length: 8999 }, (_, i) => `n${i}.o.test`), host];
  const leaf = await issue({ commonName: host, sans }, pki.intermediate);
  return { key: leaf.keyPem, cert: leaf.certPem + pki.intermediate.certPem };
}

const NO_HTTP_ANSWER = ['longlocation.oversized.lab.test', 'bigheaders.oversized.lab.test'];
const HUGE_CERT = 'hugecert.oversized.lab.test';
/** The host answered with TLS: not "unreachable", and what happened is said. */
const STOPPED_AT_CERTIFICATE = [
  HUGE_CERT,
  /^the host answers on 443, but the TLS handshake fails: the server's certificate message is larger than TLS clients accept .*\(ERR_SSL_EXCESSIVE_MESSAGE_SIZE\) \(see https-port-443\)$/,
] as [string, RegExp];
const CERTIFICATE_CHECKS = [
  'certificate-trust',
  'certificate-validity',
  'certificate-hostnames',
  'certificate-strength',
];

export const oversized: LabSite = {
  name: 'oversized',
  purpose:
    "robustness: a 1 MB Location, a 1 MB header block, an endless chunked body, 5,000 SANs, a 50-certificate chain, and a certificate message over the clients' 100 KB limit (said as such, the protocol probes still run), each judged within the timeouts",
  pages: ['/'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    // Node reads at most 16 KB of headers (Chromium 256 KB): both answers are unreadable to any client.
    'https-port-443': {
      status: 'failed',
      findings: [
        ...NO_HTTP_ANSWER.map(
          (host): ExpectedFinding => ['medium', 'https-port-443.no-http-answer', host, /HPE_HEADER_OVERFLOW/],
        ),
        [
          'high',
          'https-port-443.handshake-failed',
          HUGE_CERT,
          /^hugecert\.oversized\.lab\.test:443 TLS handshake failed: the server's certificate message is larger than TLS clients accept/,
        ],
      ],
    },
    hsts: { status: 'error', unmeasured: [...NO_HTTP_ANSWER, STOPPED_AT_CERTIFICATE] },
    // No certificate could be read; the protocol and cipher probes still ran (they pass: see tls-protocols).
    ...Object.fromEntries(
      CERTIFICATE_CHECKS.map((id) => [id, { status: 'error', unmeasured: [STOPPED_AT_CERTIFICATE] }]),
    ),
  },
  hosts: [
    { host: 'oversized.lab.test', https: { kind: 'serve', handler: ok('Oversized') } },
    {
      host: 'longlocation.oversized.lab.test',
      https: {
        kind: 'serve',
        handler: (_req, res) => redirect(res, 301, `https://longlocation.oversized.lab.test/${'a'.repeat(MB)}`),
      },
    },
    {
      host: 'bigheaders.oversized.lab.test',
      https: {
        kind: 'serve',
        handler: (_req, res) => {
          const headers: Record<string, string> = { 'strict-transport-security': HSTS_GOOD };
          for (let i = 0; i < 1024; i++) headers[`x-filler-${i}`] = 'x'.repeat(1000);
          res.writeHead(200, headers).end();
        },
      },
    },
    {
      host: 'endless.oversized.lab.test',
      https: {
        kind: 'serve',
        // Chunked (no content-length), written as fast as the client reads, never ended.
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain', 'strict-transport-security': HSTS_GOOD });
          const chunk = Buffer.alloc(64 * 1024, 'x');
          const pump = () => {
            while (!res.destroyed && res.write(chunk));
          };
          res.on('drain', pump);
          pump();
        },
      },
    },
    {
      host: 'manysans.oversized.lab.test',
      https: { kind: 'serve', handler: ok('5,000 names'), credentials: manySans },
    },
    {
      host: 'longchain.oversized.lab.test',
      https: { kind: 'serve', handler: ok('50 certificates'), credentials: longChain },
    },
    {
      host: HUGE_CERT,
      https: { kind: 'serve', handler: ok('9,000 names'), credentials: tooManySans },
    },
  ],
};
