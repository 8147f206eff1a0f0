// Human wording for recorded connection failures, shared by every check that reports them.
// Node's and OpenSSL's own messages are for developers ("C0A7...:error:0A000098:SSL
// routines:read_state_machine:excessive message size:../deps/openssl/openssl/ssl/statem/statem.c:609:"):
// reports give their meaning, and the error's code so that it can still be searched for. The
// raw message stays in the evidence.
import type { ProbeError } from '../model/evidence.ts';
import { oneLine } from '../model/text.ts';

const KIND_WORDS: Record<ProbeError['kind'], string> = {
  dns: 'DNS lookup failed',
  refused: 'connection refused',
  timeout: 'timed out',
  unreachable: 'network unreachable',
  tls: 'TLS handshake failed',
  http: 'HTTP exchange failed',
  other: 'connection failed',
};

/** What an error code means, where Node's or OpenSSL's message would not say it to a reader. */
const CODE_WORDS: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (the DNS server did not answer)',
  ECONNREFUSED: 'nothing accepts connections on this port',
  ECONNRESET: 'the server closed the connection',
  EHOSTUNREACH: 'there is no route to the address',
  ENETUNREACH: 'there is no route to the network',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not answer with TLS (plain HTTP on the TLS port?)',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'the server does not answer with TLS',
  ERR_SSL_EXCESSIVE_MESSAGE_SIZE:
    "the server's certificate message is larger than TLS clients accept (OpenSSL, and Chromium's BoringSSL, stop at 100 KB)",
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE:
    'the server refused the handshake (a handshake_failure alert): no protocol version, cipher suite or key exchange in common',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'the server refused the protocol version (a protocol_version alert)',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'the server chose a protocol version the client does not accept',
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: 'no protocol version in common',
  ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR: 'the server failed the handshake (an internal_error alert)',
  ERR_SSL_TLSV1_UNRECOGNIZED_NAME: 'the server does not serve this host name (an unrecognized_name alert)',
  ERR_SSL_TLSV1_ALERT_UNRECOGNIZED_NAME: 'the server does not serve this host name (an unrecognized_name alert)',
  HPE_HEADER_OVERFLOW: 'the response headers are larger than Node reads (16 KB)',
};

/** OpenSSL's reason out of its message ("excessive message size"), without error numbers or source paths. */
function plainMessage(message: string): string {
  const openssl = /error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/.exec(message);
  const alert = /SSL alert number (\d+)/.exec(message);
  if (openssl) return `${openssl[1]!.trim()}${alert ? ` (alert ${alert[1]})` : ''}`;
  return oneLine(message.replace(/\S+\.[ch]:\d+:?/g, '')).trim();
}

/** "TLS handshake failed: the server refused the protocol version (...) (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION)". */
export function describeFailure(error: ProbeError): string {
  const words = (error.code && CODE_WORDS[error.code]) || plainMessage(error.message);
  return `${KIND_WORDS[error.kind]}: ${words}${error.code ? ` (${error.code})` : ''}`;
}
