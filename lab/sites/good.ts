// The clean site: right in every respect, so every check must pass on it. Its pages hold
// what the page checks must accept: https and protocol-relative content, http URLs that are
// never loaded, secure login and card forms, and cookies with every attribute right.
import type { LabSite } from '../types.ts';
import { page, routes } from '../respond.ts';
import { checkoutSteps, loginSteps, shopRoutes } from '../shop-app.ts';

const nav = '<nav><a href="/">Home</a> <a href="/about">About</a> <a href="https://www.good.lab.test/">www</a></nav>';

const home = `${nav}<p>Welcome. We moved from http://good.lab.test/old.png long ago.</p>
<!-- <img src="http://good.lab.test/commented-out.png"> -->
<img src="https://www.good.lab.test/logo.png" srcset="https://www.good.lab.test/logo.png 1x, //www.good.lab.test/logo.png 2x" alt="">
<img src="//www.good.lab.test/logo.png" data-fallback="http://www.good.lab.test/logo.png" alt="">
<link rel="alternate" href="http://good.lab.test/feed">`;

const account = `${nav}<p>Your account.</p>
<form id="login" method="post" action="/session"><input name="user" autocomplete="username"><input name="password" type="password"><button>Log in</button></form>
<form method="post" action="https://good.lab.test/pay"><input name="card" autocomplete="cc-number"><button formaction="/pay">Pay</button></form>`;

const COOKIES = [
  'session=s; Path=/; Secure; HttpOnly; SameSite=Lax',
  '__Host-csrf=c; Path=/; Secure; HttpOnly; SameSite=Strict',
  'old=; Path=/; Max-Age=0',
];

export const good: LabSite = {
  name: 'good',
  purpose: 'clean site: no check may report anything, behind its login and checkout too',
  pages: ['/', '/about', '/account'],
  flows: [
    { name: 'login', steps: loginSteps('/account'), visit: ['/orders'] },
    { name: 'checkout', after: 'login', steps: checkoutSteps({ selector: 'form[action="/pay"]' }) },
  ],
  expect: {},
  hosts: [
    {
      host: 'good.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) => page(res, 'Good', home, { headers: { 'set-cookie': COOKIES } }),
          '/about': (res) => page(res, 'About', `${nav}<p>About us.</p>`),
          ...shopRoutes({
            cookie: { name: 'sid', attributes: 'Path=/; Secure; HttpOnly; SameSite=Lax' },
            paymentScript: 'https://www.good.lab.test/pay.js',
          }),
          // The listed account page shows the forms a signed-out visitor sees.
          '/account': (res) => page(res, 'Account', account),
        }),
      },
    },
    {
      host: 'www.good.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) => page(res, 'www', nav),
          '/logo.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(),
          '/pay.js': (res) =>
            res
              .writeHead(200, { 'content-type': 'text/javascript', 'strict-transport-security': 'max-age=31536000' })
              .end('/* payments */'),
        }),
      },
    },
    {
      host: 'api.good.lab.test',
      https: { kind: 'serve', handler: routes({ '/': (res) => page(res, 'API', '<p>API</p>') }) },
    },
  ],
};
