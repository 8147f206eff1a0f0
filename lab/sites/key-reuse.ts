// Hosts that present the key of a valid certificate in a bad one: an expired certificate and
// one for another name, both from the lab CA. Servers do this after a renewal gone wrong, and
// badssl.com serves its hosts this way. A browser judges the certificate, not the key, so it
// refuses these pages (proved by the note naming its error: the scan visits a page again past
// the error only when the browser refused it), while the certificate checks report the flaw as
// on any host. Past the error, each page has flaws of its own that the page checks report, each
// saying it was seen with the certificate error bypassed; its HSTS header counts for nothing.
import type { Credentials, ExpectedCheck, LabPki, LabSite } from '../types.ts';
import { issue, days, served, type Issued, type IssueOptions } from '../pki.ts';
import { page, routes } from '../respond.ts';
import { CHECKS } from '../../src/checks/index.ts';

/** The host that owns the key with a valid certificate. It is listed, so Node verifies it. */
const KEY_OWNER = 'keyreuse.lab.test';

// One owner certificate per lab start: the hosts that reuse its key start concurrently.
const owners = new WeakMap<LabPki, Promise<Issued>>();
function ownerLeaf(pki: LabPki): Promise<Issued> {
  let owner = owners.get(pki);
  if (!owner) {
    owner = issue({ commonName: KEY_OWNER, sans: [KEY_OWNER] }, pki.intermediate);
    owners.set(pki, owner);
  }
  return owner;
}

const ownerCredentials = async (pki: LabPki): Promise<Credentials> => served(await ownerLeaf(pki), pki.intermediate);

/** A certificate from the lab intermediate for the owner's very key pair, with a flaw. */
const reusingOwnerKey =
  (flaw: Partial<IssueOptions>) =>
  async (pki: LabPki, host: string): Promise<Credentials> => {
    const { keys } = await ownerLeaf(pki);
    return served(await issue({ commonName: host, sans: [host], ...flaw, keys }, pki.intermediate), pki.intermediate);
  };

const ok = (title: string) => routes({ '/': (res) => page(res, title, '<p>ok</p>') });

/** The note every page check makes on a page seen past the browser's refusal. */
const refusedNote = (url: string, certError: string) =>
  new RegExp(
    `^${url.replace(/[.]/g, '\\.')} was refused by the browser \\(${certError}\\) and judged as seen with the certificate error bypassed`,
  );

/** What every page check says of a page the browser refused: judged past the error, said in a note. */
function pageRefused(
  url: string,
  certError: string,
  flaws: Record<string, ExpectedCheck>,
): Record<string, ExpectedCheck> {
  return Object.fromEntries(
    // https-port-443 reads the pages only for ports other than 443, not as a page check.
    CHECKS.filter((c) => c.needs.includes('pages') && c.id !== 'https-port-443').map((c) => {
      const expected = flaws[c.id] ?? { status: 'passed' };
      return [c.id, { ...expected, notes: [refusedNote(url, certError)] }];
    }),
  );
}

/** The header came over a connection browsers refuse: it protects nothing (from Node's probe and the browser alike). */
const hstsIgnored = (url: string): ExpectedCheck => ({
  status: 'failed',
  findings: [['high', 'hsts.ignored-certificate-error', url, /came over a connection with a certificate error/]],
});

const EXPIRED_URL = 'https://expired.keyreuse.lab.test/';
const WRONG_NAME_URL = 'https://wrongname.keyreuse.lab.test/';
const bypassed = (error: string) => new RegExp(`seen with the certificate error bypassed \\(${error}\\)`);

export const keyReuseExpired: LabSite = {
  name: 'key-reuse-expired',
  purpose: 'browser trust: an expired certificate on the key of a valid one (listed too) must not load in the browser',
  pages: ['/'],
  expect: {
    ...pageRefused(EXPIRED_URL, 'ERR_CERT_DATE_INVALID', {
      hsts: hstsIgnored(EXPIRED_URL),
      'mixed-content': {
        status: 'failed',
        findings: [
          [
            'medium',
            'mixed-content.passive',
            'http://expired.keyreuse.lab.test/logo.png',
            bypassed('ERR_CERT_DATE_INVALID'),
          ],
        ],
      },
      'cookie-secure': {
        status: 'failed',
        findings: [['high', 'cookie-secure.missing-secure', `sid (${EXPIRED_URL})`, bypassed('ERR_CERT_DATE_INVALID')]],
      },
      'secure-forms': { status: 'skipped' },
    }),
    'certificate-validity': {
      status: 'failed',
      findings: [['high', 'certificate-validity.expired', 'expired.keyreuse.lab.test', /expired on .* \(2 days ago\)/]],
    },
  },
  hosts: [
    {
      host: 'expired.keyreuse.lab.test',
      https: {
        kind: 'serve',
        // Past the refused certificate: an image over http and a session cookie without Secure.
        handler: routes({
          '/': (res) =>
            page(res, 'Expired', '<img src="http://expired.keyreuse.lab.test/logo.png" alt="">', {
              headers: { 'set-cookie': 'sid=1; Path=/; HttpOnly; SameSite=Lax' },
            }),
        }),
        credentials: reusingOwnerKey({ notBefore: days(-92), notAfter: days(-2) }),
      },
    },
    { host: KEY_OWNER, https: { kind: 'serve', handler: ok('Key owner'), credentials: ownerCredentials } },
  ],
};

export const keyReuseWrongName: LabSite = {
  name: 'key-reuse-wrong-name',
  purpose: 'browser trust: a certificate for another name on the key of a valid one must not load in the browser',
  pages: ['/'],
  expect: {
    ...pageRefused(WRONG_NAME_URL, 'ERR_CERT_COMMON_NAME_INVALID', {
      hsts: hstsIgnored(WRONG_NAME_URL),
      'secure-forms': {
        status: 'failed',
        findings: [['high', 'secure-forms.submits-to-http', WRONG_NAME_URL, bypassed('ERR_CERT_COMMON_NAME_INVALID')]],
      },
      // The form's http:// action is active mixed content as well (a form submission the browser warns about).
      'mixed-content': {
        status: 'failed',
        findings: [
          [
            'high',
            'mixed-content.active',
            'http://wrongname.keyreuse.lab.test/session',
            bypassed('ERR_CERT_COMMON_NAME_INVALID'),
          ],
        ],
      },
      'cookie-secure': { status: 'skipped' },
      'cookie-httponly': { status: 'skipped' },
      'cookie-samesite': { status: 'skipped' },
    }),
    'certificate-hostnames': {
      status: 'failed',
      findings: [
        [
          'high',
          'certificate-hostnames.name-mismatch',
          'wrongname.keyreuse.lab.test',
          /it covers: other\.keyreuse\.lab\.test$/,
        ],
      ],
    },
  },
  hosts: [
    {
      host: 'wrongname.keyreuse.lab.test',
      https: {
        kind: 'serve',
        // Past the refused certificate: a sign-in form posting to http.
        handler: routes({
          '/': (res) =>
            page(
              res,
              'Wrong name',
              '<form action="http://wrongname.keyreuse.lab.test/session" method="post"><input name="user"><input type="password" name="password"><button>Sign in</button></form>',
            ),
        }),
        credentials: reusingOwnerKey({ sans: ['other.keyreuse.lab.test'] }),
      },
    },
  ],
};
