// https-port-443: every listed host accepts a connection on 443 and completes a TLS
// handshake. The certificate is not judged here (rejectUnauthorized is off on purpose):
// a port problem and a certificate problem must never read the same. And nothing sends users
// to https on another port of the site's own hosts (other-ports.ts): what the browser saw of
// the pages only adds such sightings, so a page that could not be read is the page checks' to
// report, not this one's.
import { describeFailure } from './describe-failure.ts';
import type { BrowserHandshake, FailureKind, TlsSession } from '../model/evidence.ts';
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import { unreachableOn443 } from './unreachable.ts';
import { otherPorts } from './other-ports.ts';
import { BROWSER_GROUPS, BROWSER_SUITES } from '../model/browser-hello.ts';

const CODES = {
  'dns-failed': 'the host name does not resolve',
  refused: 'nothing accepts connections on 443',
  timeout: 'the TCP connection or the TLS handshake did not complete in time',
  unreachable: 'the network cannot reach the address',
  'handshake-failed': 'port 443 answers but no TLS handshake completes',
  'connection-failed': 'the connection failed for another reason',
  'no-http-answer': 'the TLS handshake completes but no HTTP answer follows',
  'server-error': 'the site URL answers 5xx (warning)',
  'browser-handshake-failed':
    "Node's default client completes a TLS handshake, but a client offering what current browsers offer does not (only DHE suites, say): browsers cannot connect",
  'non-standard-port':
    "a redirect, page, resource or link sends users to https on one of the site's hosts on a port other than 443",
};
type Code = keyof typeof CODES;

/** Why a connection to 443 failed, as a finding code. */
const FAILURE_CODES: Record<FailureKind, Code> = {
  dns: 'dns-failed',
  refused: 'refused',
  timeout: 'timeout',
  unreachable: 'unreachable',
  tls: 'handshake-failed',
  http: 'no-http-answer',
  other: 'connection-failed',
};

const NON_STANDARD_PORT_REMEDIATION =
  'Serve every host over https on port 443 and redirect and link to https:// URLs without a port. A service that listens elsewhere belongs behind a reverse proxy or load balancer on 443: networks that let only ports 80 and 443 out (offices, hotels, mobile carriers) cannot reach another port.';

const BROWSER_REMEDIATION = `Offer what current browsers offer: TLS 1.3, and TLS 1.2 with ECDHE key exchange and AES-GCM or ChaCha20-Poly1305 (e.g. ECDHE-RSA-AES128-GCM-SHA256), over the X25519 or P-256 groups. Browsers no longer offer DHE suites.`;

function judgeBrowserHandshake(
  out: Outcome<Code>,
  host: string,
  node: TlsSession | undefined,
  browser: BrowserHandshake | undefined,
): void {
  if (!browser || browser.ok) return;
  const nodeSide = `${host}:443 completes a TLS handshake with Node's default client${node ? ` (${node.protocol}, ${node.cipher})` : ''}, but not with what current browsers offer`;
  const why =
    browser.cause === 'groups'
      ? `the server accepts the browsers' suites only over key-exchange groups browsers do not offer (they offer ${BROWSER_GROUPS.split(':').join(', ')})`
      : browser.cause === 'suites'
        ? `the server accepts only ${browser.serverSuites.join(', ')}, which no current browser offers (Chromium fails with ERR_SSL_VERSION_OR_CIPHER_MISMATCH). Browsers offer: ${BROWSER_SUITES.map(([, standard]) => standard).join(', ')}`
        : `${describeFailure(browser.error)}${browser.serverSuites.length > 0 ? `; the server accepts ${browser.serverSuites.join(', ')}` : ''}`;
  out.add('browser-handshake-failed', 'high', host, `${nodeSide}: ${why}`, BROWSER_REMEDIATION);
}

export const httpsPort443: Check<'transport' | 'pages'> = {
  id: 'https-port-443',
  title: 'HTTPS answers on port 443 for every host',
  remediation:
    'Serve HTTPS on port 443 for every listed host: publish DNS for it, open the port in the firewall or load balancer, and configure a TLS listener with a certificate for the name.',
  codes: CODES,
  needs: ['transport', 'pages'],
  run(site, { transport, pages }) {
    const out = new Outcome<Code>();
    const mainHost = new URL(site.url).hostname;
    for (const { host, https, browserHandshake } of transport.hosts) {
      const first = https.hops[0];
      if (!first) continue;
      out.judged(host);
      const via = first.connectedTo === `${host}:443` ? '' : ` (connected to ${first.connectedTo})`;
      if (unreachableOn443(first.error)) {
        out.add(FAILURE_CODES[first.error.kind], 'high', host, `${host}:443 ${describeFailure(first.error)}${via}`);
      } else if (first.error) {
        out.add(
          'no-http-answer',
          'medium',
          host,
          `${host}:443 completed the TLS handshake (${first.tls?.protocol}) but gave no HTTP answer: ${describeFailure(first.error)}`,
        );
      } else if (host === mainHost && first.status !== undefined && first.status >= 500) {
        out.add(
          'server-error',
          'low',
          first.url,
          `the site URL answered HTTP ${first.status} (server error) over ${first.tls?.protocol ?? 'TLS'}`,
          'The HTTPS listener works, but the application behind it fails: check the server logs.',
        );
      }
      if (!first.error || first.error.phase === 'http') judgeBrowserHandshake(out, host, first.tls, browserHandshake);
    }
    for (const { origin, port, seen } of otherPorts(site.hosts, transport, pages)) {
      out.add(
        'non-standard-port',
        'medium',
        origin,
        `https on port ${port}, not 443: ${seen}. The host name is the same (HSTS and cookies apply to it whatever the port), but users whose network lets only ports 80 and 443 out cannot reach it`,
        NON_STANDARD_PORT_REMEDIATION,
      );
    }
    return out.done();
  },
};
