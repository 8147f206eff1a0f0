// https-port-443: every listed host accepts a connection on 443 and completes a TLS
// handshake. The certificate is not judged here (rejectUnauthorized is off on purpose):
// a port problem and a certificate problem must never read the same.
import { describeFailure } from './describe-failure.ts';
import type { FailureKind } from '../model/evidence.ts';
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import { unreachableOn443 } from './unreachable.ts';

const CODES = {
  'dns-failed': 'the host name does not resolve',
  refused: 'nothing accepts connections on 443',
  timeout: 'the TCP connection or the TLS handshake did not complete in time',
  unreachable: 'the network cannot reach the address',
  'handshake-failed': 'port 443 answers but no TLS handshake completes',
  'connection-failed': 'the connection failed for another reason',
  'no-http-answer': 'the TLS handshake completes but no HTTP answer follows',
  'server-error': 'the site URL answers 5xx (warning)',
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

export const httpsPort443: Check<'transport'> = {
  id: 'https-port-443',
  title: 'HTTPS answers on port 443 for every host',
  remediation:
    'Serve HTTPS on port 443 for every listed host: publish DNS for it, open the port in the firewall or load balancer, and configure a TLS listener with a certificate for the name.',
  codes: CODES,
  needs: ['transport'],
  run(site, { transport }) {
    const out = new Outcome<Code>();
    const mainHost = new URL(site.url).hostname;
    for (const { host, https } of transport.hosts) {
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
    }
    return out.done();
  },
};
