// Human wording for recorded connection failures, shared by every check that reports them.
import type { ProbeError } from '../model/evidence.ts';

const KIND_WORDS: Record<ProbeError['kind'], string> = {
  dns: 'DNS lookup failed',
  refused: 'connection refused',
  timeout: 'timed out',
  unreachable: 'network unreachable',
  tls: 'TLS handshake failed',
  http: 'HTTP exchange failed',
  other: 'connection failed',
};

export function describeFailure(error: ProbeError): string {
  return `${KIND_WORDS[error.kind]} (${error.code ? `${error.code}: ` : ''}${error.message})`;
}
