// Human wording for recorded connection failures, shared by every check that reports them.
import type { ProbeError } from './types.ts';

const KIND_WORDS: Record<ProbeError['kind'], string> = {
  dns: 'DNS lookup failed',
  refused: 'connection refused',
  timeout: 'timed out',
  unreachable: 'network unreachable',
  tls: 'TLS handshake failed',
  http: 'HTTP exchange failed',
  other: 'connection failed',
};

/** The first line of an error's message: Playwright's own messages go on with call logs. */
export const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

export function describeFailure(error: ProbeError): string {
  return `${KIND_WORDS[error.kind]} (${error.code ? `${error.code}: ` : ''}${error.message})`;
}
