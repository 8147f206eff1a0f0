// The browser's errors in words, for the reasons a report gives: Chromium's network errors
// (net::ERR_...) and Playwright's error lines ("page.goto: Timeout 20000ms exceeded.",
// "locator.click: ..."). The raw text stays in the evidence; reports read these words, with the
// error's own name kept in parentheses so that it can still be searched for.

const NET_ERRORS: Record<string, string> = {
  ERR_NAME_NOT_RESOLVED: 'the host name does not resolve',
  ERR_NAME_RESOLUTION_FAILED: 'the host name could not be resolved',
  ERR_CONNECTION_REFUSED: 'the connection was refused',
  ERR_CONNECTION_TIMED_OUT: 'the connection timed out',
  ERR_TIMED_OUT: 'the request timed out',
  ERR_ADDRESS_UNREACHABLE: 'the address cannot be reached',
  ERR_CONNECTION_FAILED: 'the connection failed',
  ERR_CONNECTION_CLOSED: 'the server closed the connection without an answer',
  ERR_EMPTY_RESPONSE: 'the server closed the connection without an answer',
  ERR_CONNECTION_RESET: 'the connection was reset',
  ERR_SSL_VERSION_OR_CIPHER_MISMATCH: 'the browser and the server have no TLS version or cipher suite in common',
  ERR_SSL_PROTOCOL_ERROR: 'the TLS handshake failed',
  ERR_CERT_DATE_INVALID: 'the browser refused the certificate: it has expired or is not valid yet',
  ERR_CERT_COMMON_NAME_INVALID: 'the browser refused the certificate: it does not cover the host name',
  ERR_CERT_AUTHORITY_INVALID: 'the browser refused the certificate: it does not lead to a trusted root',
  ERR_CERT_INVALID: 'the browser refused the certificate: it is invalid',
  ERR_CERT_WEAK_SIGNATURE_ALGORITHM: 'the browser refused the certificate: it is signed with a weak algorithm',
  ERR_CERT_WEAK_KEY: 'the browser refused the certificate: its key is too weak',
  ERR_CERT_REVOKED: 'the browser refused the certificate: it is revoked',
  ERR_CERT_NAME_CONSTRAINT_VIOLATION: 'the browser refused the certificate: it breaks a name constraint of its issuer',
  ERR_CERT_VALIDITY_TOO_LONG: 'the browser refused the certificate: its validity period is too long',
  ERR_TOO_MANY_REDIRECTS: 'the page redirects too many times',
  ERR_UNSAFE_REDIRECT: 'a redirect goes to a URL the browser refuses to follow',
  ERR_INVALID_REDIRECT: 'a redirect has no valid Location',
  ERR_RESPONSE_HEADERS_TOO_BIG: 'the response headers are larger than the browser reads',
  ERR_INVALID_RESPONSE: "the server's answer is not valid HTTP",
  ERR_INVALID_HTTP_RESPONSE: "the server's answer is not valid HTTP",
  ERR_UNSAFE_PORT: 'the browser refuses to connect to this port',
  ERR_ABORTED: 'the navigation was stopped (the page went elsewhere or was replaced)',
};

/** "the connection was refused (net::ERR_CONNECTION_REFUSED)". */
export const netErrorWords = (code: string): string =>
  `${NET_ERRORS[code] ?? 'the browser reported a network error'} (net::${code})`;

/** "ERR_NAME_NOT_RESOLVED" from a browser error such as "page.goto: net::ERR_NAME_NOT_RESOLVED at https://...". */
export const netErrorOf = (text: string | undefined): string | undefined =>
  /\bnet::(ERR_[A-Z0-9_]+)/.exec(text ?? '')?.[1];

/** What a Playwright call that ran out of time was doing, by its method. */
const TIMED_OUT: Record<string, string> = {
  goto: 'still loading after',
  reload: 'still loading after',
  waitForLoadState: 'still loading after',
  waitForURL: 'the page did not reach the URL within',
};

/**
 * One of Playwright's error lines in words: a network error by its meaning, a timeout by what did
 * not happen, anything else without the API's name in front ("page.goto: ", "locator.click: ").
 */
export function browserErrorWords(line: string): string {
  const net = netErrorOf(line);
  if (net) return netErrorWords(net);
  const api = /^\w+\.(\w+): /.exec(line);
  const timeout = /\bTimeout (\d+)ms exceeded/.exec(line);
  if (timeout) {
    const what = (api && TIMED_OUT[api[1]!]) ?? `${api ? `${api[1]} ` : ''}did not complete within`;
    return `${what} ${timeout[1]} ms`;
  }
  return api ? line.slice(api[0].length) : line;
}
