// Inputs that were accepted and then broke the scan or sent it to another host: each is now
// refused with a message saying why and what to write instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TIMEOUT_MAX_MS } from '../../src/model/defaults.ts';
import { assertProblems, oneSite, parse, problems } from './config-helpers.ts';

test('a site URL with a port is refused, pointing at connectTo', () => {
  assert.deepEqual(problems(oneSite({ url: 'https://a.test:8443/' })), [
    '$.sites[0].url: the URL names port 8443: the checks probe ports 443 and 80 of every host. Keep the host name without a port and send its traffic to the server with connectTo, e.g. "connectTo": { "a.test:443": "<address>:8443" }',
  ]);
  assert.equal(parse(oneSite({ url: 'https://a.test:443/' })).sites[0]!.hosts[0], 'a.test');
});

test('a site URL needs a host, and carries no user or password; a fragment is fine', () => {
  assertProblems(problems(oneSite({ url: 'https:///a.test/' })), [/^\$\.sites\[0\]\.url: the URL has no host/]);
  assertProblems(problems(oneSite({ url: 'https://user:pw@a.test/' })), [
    /^\$\.sites\[0\]\.url: a URL may not carry a user name or password/,
  ]);
  assertProblems(problems(oneSite({ url: 'https://@a.test/' })), [/^\$\.sites\[0\]\.url: a URL may not carry/]);
  assertProblems(problems(oneSite({ url: 'https://a..test/' })), [
    /^\$\.sites\[0\]\.url: expected a host name such as "api\.example\.com", not "a\.\.test"$/,
  ]);
  assert.equal(parse(oneSite({ url: 'https://a.test/#top' })).sites[0]!.url, 'https://a.test/#top');
});

test('an IP address is refused as the site host and as a subdomain', () => {
  const because =
    /is an IP address: certificates, HSTS and cookies are bound to names: list the host name and use connectTo to reach the address$/;
  for (const url of ['https://10.0.0.5/', 'https://[::1]/', 'https://0x7f.1/']) {
    assertProblems(problems(oneSite({ url })), [new RegExp(`^\\$\\.sites\\[0\\]\\.url: "[^"]+" ${because.source}`)]);
  }
  assertProblems(problems(oneSite({ subdomains: ['10.0.0.5', '10.1'] })), [
    new RegExp(`^\\$\\.sites\\[0\\]\\.subdomains\\[0\\]: "10\\.0\\.0\\.5" ${because.source}`),
    new RegExp(`^\\$\\.sites\\[0\\]\\.subdomains\\[1\\]: "10\\.1" ${because.source}`),
  ]);
});

test('connectTo: ports between 1 and 65535 on both sides, real addresses, real host names', () => {
  const list = problems(
    oneSite(
      {},
      {
        connectTo: {
          'a.test:0': '127.0.0.1:443',
          'b.test:443': '127.0.0.1:99999',
          'c.test:443': '[::zz]:443',
          'd.test:443': '[::1]:8443',
          'e..test:443': '10.0.0.5:443',
          'f.test:443': '10.0.0.256:443',
          '*.g.test:80': 'backend.internal:8080',
          'h.test:443': '127.0.0.1',
          'i.test': '127.0.0.1:443',
        },
      },
    ),
  );
  assert.deepEqual(list, [
    '$.connectTo["a.test:0"]: port 0 is not between 1 and 65535',
    '$.connectTo["b.test:443"]: port 99999 is not between 1 and 65535',
    '$.connectTo["c.test:443"]: "::zz" is not an IPv6 address',
    '$.connectTo["e..test:443"]: expected a host name such as "api.example.com", not "e..test"',
    '$.connectTo["f.test:443"]: "10.0.0.256" is neither an IPv4 address nor a host name',
    '$.connectTo["h.test:443"]: expected "address:port", for example "10.0.0.5:8443" or "[::1]:8443"',
    '$.connectTo["i.test"]: expected "host:port", for example "shop.example.com:443" (a leading "*." matches every subdomain)',
  ]);
});

test('ca may not be empty', () => {
  assert.deepEqual(problems(oneSite({}, { ca: '' })), ['$.ca: expected the path of a PEM file']);
});

test('a name has at most 64 characters (it becomes file names)', () => {
  assert.doesNotThrow(() => parse(oneSite({ name: 'n'.repeat(64) })));
  assert.deepEqual(problems(oneSite({ name: 'n'.repeat(250) })), [
    '$.sites[0].name: at most 64 characters: names become test titles and file names',
  ]);
});

test(`every timeout is at most ${TIMEOUT_MAX_MS} ms (Node turns 2^31 ms into 1 ms)`, () => {
  assert.doesNotThrow(() => parse(oneSite({}, { timeouts: { pageMs: TIMEOUT_MAX_MS, settleMs: 0 } })));
  assert.deepEqual(
    problems(oneSite({}, { timeouts: { connectMs: 2 ** 31, requestMs: 600_001, pageMs: 1e12, settleMs: 2 ** 31 } })),
    [
      '$.timeouts.connectMs: at most 600000 ms (10 minutes)',
      '$.timeouts.requestMs: at most 600000 ms (10 minutes)',
      '$.timeouts.pageMs: at most 600000 ms (10 minutes)',
      '$.timeouts.settleMs: at most 600000 ms (10 minutes)',
    ],
  );
});

test('a page stays on the site host: no leading "//", no backslash', () => {
  const list = problems(
    oneSite({ pages: ['//other.test/x', '/\\other.test/x', '/\t/other.test/x', '/a\\b', '/ok/../fine?q=//x'] }),
  );
  assert.deepEqual(list, [
    '$.sites[0].pages[0]: the path leaves the site: a path starting with "//" names another host',
    '$.sites[0].pages[1]: backslashes are not allowed in a path (browsers read "\\" as "/", and "/\\host" as another host)',
    '$.sites[0].pages[2]: the path leaves the site: a path starting with "//" names another host',
    '$.sites[0].pages[3]: backslashes are not allowed in a path (browsers read "\\" as "/", and "/\\host" as another host)',
  ]);
});
