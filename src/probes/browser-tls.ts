// Can a current browser complete a TLS handshake with the host? Node's default client offers
// more than browsers do (DHE suites, other key-exchange groups), so a server offering only DHE
// suites completes Node's handshake while Chromium fails with ERR_SSL_VERSION_OR_CIPHER_MISMATCH
// (measured on Chromium 156). One handshake offering exactly Chromium 156's ClientHello tells;
// when it fails, the cause is looked for: the browsers' suites with OpenSSL's own groups (then the
// groups are the cause), and the suites the server does accept, one at a time by elimination.
import type { TLSSocket } from 'node:tls';
import type { Timeouts } from '../model/defaults.ts';
import type { BrowserHandshake, ProbeError } from '../model/evidence.ts';
import { openConnection, type TlsOptions } from '../net/connection.ts';
import type { NetContext } from '../net/net-context.ts';
import { BROWSER_GROUPS, BROWSER_SIGALGS, BROWSER_SUITES } from '../model/browser-hello.ts';

const browserHello = (groups?: string): TlsOptions => ({
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.3',
  ciphers: BROWSER_SUITES.map(([openssl]) => openssl).join(':'),
  sigalgs: BROWSER_SIGALGS,
  ...(groups ? { ecdhCurve: groups } : {}),
});

/** Enough to list what a misconfigured server offers; a server accepting more is cut short. */
const MAX_SUITES_LISTED = 12;

/** Every suite of TLS 1.2 and below, none excluded yet. */
const ALL_SUITES = 'ALL:COMPLEMENTOFALL';

/** The handshakes one host can cost at most: one as a browser, one with other groups, the elimination rounds. */
export const browserHandshakeBoundMs = (t: Timeouts): number => (2 + MAX_SUITES_LISTED + 1) * 2 * t.connectMs;

/** The suites the server accepts at TLS 1.2 and below, by elimination: offer all, drop the one it chose, again. */
async function serverSuites(ctx: NetContext, host: string): Promise<string[]> {
  const chosen: { openssl: string; standard: string }[] = [];
  while (chosen.length < MAX_SUITES_LISTED) {
    const excluded = chosen.map((c) => `:!${c.openssl}`).join('');
    const conn = await openConnection(ctx, host, 443, true, {
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.2',
      ciphers: `${ALL_SUITES}${excluded}:@SECLEVEL=0`,
    });
    if (!conn.ok) break;
    const cipher = (conn.socket as TLSSocket).getCipher();
    conn.socket.destroy();
    if (chosen.some((c) => c.openssl === cipher.name)) break;
    chosen.push({ openssl: cipher.name, standard: cipher.standardName ?? cipher.name });
  }
  return chosen.map((c) => c.standard);
}

const refusedByServer = (error: ProbeError): boolean => error.phase === 'tls' && error.kind !== 'timeout';

export async function browserHandshake(ctx: NetContext, host: string): Promise<BrowserHandshake> {
  const asBrowser = await openConnection(ctx, host, 443, true, browserHello(BROWSER_GROUPS));
  if (asBrowser.ok) {
    asBrowser.socket.destroy();
    return { ok: true, protocol: asBrowser.tls?.protocol ?? null, cipher: asBrowser.tls?.cipher ?? '' };
  }
  const { error } = asBrowser;
  if (!refusedByServer(error)) return { ok: false, error, cause: 'other', serverSuites: [] };
  const otherGroups = await openConnection(ctx, host, 443, true, browserHello());
  if (otherGroups.ok) {
    otherGroups.socket.destroy();
    return { ok: false, error, cause: 'groups', serverSuites: [] };
  }
  const suites = await serverSuites(ctx, host);
  const browsers = new Set(BROWSER_SUITES.map(([, standard]) => standard));
  return {
    ok: false,
    error,
    cause: suites.length > 0 && suites.every((s) => !browsers.has(s)) ? 'suites' : 'other',
    serverSuites: suites,
  };
}
