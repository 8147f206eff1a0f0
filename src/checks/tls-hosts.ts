// Shared by the certificate and TLS checks: which hosts they can judge, and what they
// could not. A host that never completed a handshake is "could not measure" with the
// reason (https-port-443 reports it as a failure), never a certificate finding.
import { describeFailure } from './describe-failure.ts';
import type {
  CertificateFacts,
  CertificateParseError,
  DefaultHandshake,
  HostTls,
  SuiteProbe,
  TlsEvidence,
} from '../model/evidence.ts';
import type { Outcome } from './outcome.ts';
import { reachReason } from './unreachable.ts';

type WithHandshake = HostTls & { handshake: DefaultHandshake; chain: [CertificateFacts, ...CertificateFacts[]] };

const noHandshake = (h: HostTls): string => (h.error ? reachReason(h.error) : 'the server sent no certificate');

/** Hosts whose default handshake delivered a certificate; the others are recorded as unmeasured. */
export function hostsWithCertificate(out: Outcome, tls: TlsEvidence): WithHandshake[] {
  const judged: WithHandshake[] = [];
  for (const h of tls.hosts) {
    if (h.handshake && h.chain.length > 0) {
      out.judged(h.host);
      judged.push(h as WithHandshake);
    } else out.cannotMeasure(h.host, noHandshake(h));
  }
  return judged;
}

/** Hosts that completed at least one handshake of any kind: the ones a probe result means something for. */
export function hostsSpeakingTls(out: Outcome, tls: TlsEvidence): HostTls[] {
  return tls.hosts.filter((h) => {
    const spoke = Boolean(h.handshake) || [...h.protocols, ...h.ciphers].some((p) => p.result === 'accepted');
    if (spoke) out.judged(h.host);
    else out.cannotMeasure(h.host, noHandshake(h));
    return spoke;
  });
}

/** The certificates the server is answerable for: the leaf and what it sent, not the trusted root Node added. */
export const servedCertificates = (h: WithHandshake): CertificateFacts[] =>
  h.chain.filter((c, i) => i === 0 || !c.inTrustStore);

export const certificateLabel = (c: CertificateFacts, index: number): string =>
  index === 0 ? `the certificate "${c.subject}"` : `the intermediate "${c.subject}"`;

/** Names shown before only the rest is counted: a certificate may carry thousands. */
const NAMES_SHOWN = 20;
export function someNames(names: string[]): string {
  const more = names.length - NAMES_SHOWN;
  return `${names.slice(0, NAMES_SHOWN).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The certificate's subjectAltName parse error, if it has one. */
export const sanParseError = (c: CertificateFacts): CertificateParseError | undefined =>
  c.parseErrors?.find((e) => e.part === 'subjectAltName');

/** Notes what could not be probed, and marks the host unmeasured for probes that got no answer. */
export function reportUnprobed(out: Outcome, host: string, probes: SuiteProbe[], what: string): void {
  for (const p of probes) {
    if (p.result === 'not-probed') out.note(`${p.name} ${what} could not be probed: ${p.reason}`);
    if (p.result === 'failed')
      out.cannotMeasure(host, `the ${p.name} probe got no answer: ${describeFailure(p.error)}`);
  }
}
