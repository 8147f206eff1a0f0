// https on another port of the site's own hosts: the same host for HSTS and cookies (RFC 6797
// section 8.3), so not http-redirect's "another host", but not https on 443 either, which is
// https-port-443's own finding wherever it is seen: a redirect from http://, a page's resources
// and its links.
import { NO_COOKIES, NO_SENSITIVE_FORMS, type LabSite } from '../types.ts';
import { page, redirect, routes } from '../respond.ts';

export const ports: LabSite = {
  name: 'port-flaws',
  purpose:
    'https-port-443: an http:// redirect to https on port 8443 of the same host, a page loading an image from and linking to port 8443',
  pages: ['/'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    'https-port-443': {
      status: 'failed',
      findings: [
        [
          'medium',
          'https-port-443.non-standard-port',
          'https://redirect.altport.lab.test:8443',
          /^https on port 8443, not 443: the redirect chain from http:\/\/redirect\.altport\.lab\.test\/\?https-scan=1 goes to https:\/\/redirect\.altport\.lab\.test:8443\/\?https-scan=1\. /,
        ],
        [
          'medium',
          'https-port-443.non-standard-port',
          'https://altport.lab.test:8443',
          /^https on port 8443, not 443: https:\/\/altport\.lab\.test\/ loaded https:\/\/altport\.lab\.test:8443\/logo\.png\. /,
        ],
      ],
    },
  },
  hosts: [
    {
      host: 'altport.lab.test',
      alsoOn: [8443],
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) =>
            page(
              res,
              'Ports',
              '<img src="https://altport.lab.test:8443/logo.png" alt=""><a href="https://altport.lab.test:8443/shop">shop</a>',
            ),
          '/logo.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(),
          '/shop': (res) => page(res, 'Shop', '<p>shop</p>'),
        }),
      },
    },
    {
      host: 'redirect.altport.lab.test',
      alsoOn: [8443],
      https: { kind: 'serve', handler: routes({ '/': (res) => page(res, 'Redirected', '<p>on 8443</p>') }) },
      http: (req, res) => redirect(res, 301, `https://redirect.altport.lab.test:8443${req.url}`, { hsts: null }),
    },
  ],
};
