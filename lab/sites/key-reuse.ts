// Hosts that present the key of a valid certificate in a bad one: an expired certificate and
// one for another name, both from the lab CA. Servers do this after a renewal gone wrong, and
// badssl.com serves its hosts this way. A browser judges the certificate, not the key, so these
// pages must fail to load ("could not measure" for every page check, naming the certificate
// error), while the certificate checks report the flaw as on any host.
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

/** Every page check, when the browser refuses the site's only page: that page could not be measured, for that reason. */
function pageRefused(url: string, certError: string): Record<string, ExpectedCheck> {
  const refused: ExpectedCheck = {
    status: 'error',
    unmeasured: [[url, new RegExp(`^the page did not load: .*net::${certError}`)]],
  };
  return Object.fromEntries(CHECKS.filter((c) => c.needs.includes('pages')).map((c) => [c.id, refused]));
}

export const keyReuseExpired: LabSite = {
  name: 'key-reuse-expired',
  purpose: 'browser trust: an expired certificate on the key of a valid one (listed too) must not load in the browser',
  pages: ['/'],
  expect: {
    ...pageRefused('https://expired.keyreuse.lab.test/', 'ERR_CERT_DATE_INVALID'),
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
        handler: ok('Expired'),
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
    ...pageRefused('https://wrongname.keyreuse.lab.test/', 'ERR_CERT_COMMON_NAME_INVALID'),
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
        handler: ok('Wrong name'),
        credentials: reusingOwnerKey({ sans: ['other.keyreuse.lab.test'] }),
      },
    },
  ],
};
