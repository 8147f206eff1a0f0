// Logins and checkout: a shop whose flaws only show behind the login. Its home page is clean;
// the login sets a session cookie without Secure and HttpOnly (a session cookie because it
// answers the login, whatever its name), the checkout loads an http:// payment script only
// when signed in with something in the cart, and the account page links to http://. The
// welcome page echoes the user name into its title, URL and a cookie: it must appear in no
// artifact. A second sign-in goes through an identity provider on another host, allowed by
// the flow's allowHosts.
import { NO_SENSITIVE_FORMS, type Handler, type LabSite } from '../types.ts';
import { escapeHtml, page, redirect, routes } from '../respond.ts';
import { checkoutSteps, identityProviderRoutes, loginSteps, shopRoutes } from '../shop-app.ts';

const SHOP = 'https://shop.lab.test';

/** /echo/<anything> and /echo?q=<anything> print what they were asked for: secrets placed in a page path or query must still appear in no artifact. */
const withEcho =
  (handler: Handler): Handler =>
  (req, res) => {
    const url = new URL(req.url ?? '/', SHOP);
    if (url.pathname !== '/echo' && !url.pathname.startsWith('/echo/')) return handler(req, res);
    const asked = decodeURIComponent(url.pathname.slice('/echo/'.length)) || (url.searchParams.get('q') ?? '');
    page(res, `Echo ${escapeHtml(asked)}`, `<p>You asked for ${escapeHtml(asked)}.</p>`, {
      headers: { 'set-cookie': `echo=${encodeURIComponent(asked)}; Path=/; Secure; HttpOnly; SameSite=Lax` },
    });
  };

export const shop: LabSite = {
  name: 'shop-flows',
  purpose: 'flows: session cookie, payment script and http link behind the login; single sign-on on another host',
  pages: ['/'],
  flows: [
    { name: 'login', steps: loginSteps('/welcome'), visit: ['/account', '/orders'] },
    { name: 'checkout', after: 'login', steps: checkoutSteps({ url: '/checkout' }) },
    {
      name: 'sso',
      script: 'lab/flows/sso-login.ts',
      allowHosts: ['idp.shoplogin.test'],
      secrets: { user: '${LAB_IDP_USER}', password: '${LAB_IDP_PASSWORD}' },
    },
  ],
  expect: {
    ...NO_SENSITIVE_FORMS,
    'secure-forms': { status: 'passed' },
    'cookie-secure': {
      status: 'failed',
      findings: [
        [
          'high',
          'cookie-secure.missing-secure',
          `shopper (${SHOP}/session)`,
          /session cookie \(set in answer to the login; during login › step 4 click/,
        ],
      ],
    },
    'cookie-httponly': {
      status: 'failed',
      findings: [['high', 'cookie-httponly.missing-httponly', `shopper (${SHOP}/session)`]],
    },
    'mixed-content': {
      status: 'failed',
      findings: [
        [
          'high',
          'mixed-content.active',
          'http://cdn.insecure.test/pay.js',
          /on checkout › step 4 click #go-to-checkout › https:\/\/shop\.lab\.test\/checkout: blocked/,
        ],
      ],
    },
    'no-downgrade': {
      status: 'failed',
      findings: [
        [
          'medium',
          'no-downgrade.link-to-http',
          `${SHOP}/account`,
          /seen at login › visit \/account › https:\/\/shop\.lab\.test\/account/,
        ],
      ],
    },
  },
  hosts: [
    {
      host: 'shop.lab.test',
      https: {
        kind: 'serve',
        handler: withEcho(
          routes({
            '/': (res) => page(res, 'Shop', '<a href="/login">Sign in</a>'),
            '/sso': (res) =>
              redirect(
                res,
                302,
                `https://idp.shoplogin.test/authorize?return=${encodeURIComponent(`${SHOP}/sso/callback`)}`,
              ),
            ...shopRoutes({
              cookie: { name: 'shopper', attributes: 'Path=/; SameSite=Lax' },
              paymentScript: 'http://cdn.insecure.test/pay.js',
              accountExtra: '<a href="http://shop.lab.test/orders">orders (over http)</a>',
              echoUser: true,
            }),
          }),
        ),
      },
    },
  ],
  unlisted: [{ host: 'idp.shoplogin.test', https: { kind: 'serve', handler: routes(identityProviderRoutes()) } }],
};

// Flows that cannot go on: the harness refuses to type a secret into a login form that posts
// to http://, into a page on a host the flow does not allow, and into a plain http page; and a
// button that was renamed. Each is "could not measure" for what the flow did not reach, and
// each refused secret is a critical secure-forms finding.
const FAILING = 'https://failing.lab.test';
const STOPPED = [
  'legacy › step 3 fill #password',
  'renamed › step 2 click #add-to-cart',
  'moved › step 2 fill #password',
  'downgraded › step 2 fill #password',
];
const unmeasuredEverywhere = Object.fromEntries(
  ['hsts', 'cookie-secure', 'cookie-httponly', 'cookie-samesite'].map((id) => [
    id,
    { status: 'error' as const, unmeasured: STOPPED },
  ]),
);

export const flowFailures: LabSite = {
  name: 'flow-failures',
  purpose: 'flows that must stop: login forms posting to http, another host, a plain http page, a renamed button',
  pages: ['/'],
  flows: [
    {
      name: 'legacy',
      steps: [
        { goto: '/legacy-login' },
        { fill: '#username', value: 'someone' },
        { fill: '#password', value: '${LAB_SHOP_PASSWORD}' },
        { click: 'button' },
      ],
    },
    { name: 'renamed', steps: [{ goto: '/products' }, { click: '#add-to-cart', timeoutMs: 2000 }], visit: ['/cart'] },
    { name: 'moved', steps: [{ goto: '/moved-login' }, { fill: '#password', value: '${LAB_SHOP_PASSWORD}' }] },
    { name: 'downgraded', steps: [{ goto: '/old-login' }, { fill: '#password', value: '${LAB_SHOP_PASSWORD}' }] },
  ],
  expect: {
    ...unmeasuredEverywhere,
    'secure-forms': {
      status: 'failed',
      findings: [
        [
          'critical',
          'secure-forms.secret-refused',
          `${FAILING}/legacy-login`,
          /the password would have been typed into https:\/\/failing\.lab\.test\/legacy-login \(legacy › step 3 fill #password\): its form submits to http:\/\/failing\.lab\.test\/session/,
        ],
        ['high', 'secure-forms.submits-to-http', `${FAILING}/legacy-login`],
        [
          'critical',
          'secure-forms.secret-refused',
          'https://elsewhere.thirdparty.test/login',
          /elsewhere\.thirdparty\.test is not one of the site's hosts/,
        ],
        ['critical', 'secure-forms.secret-refused', 'http://legacy-login.failing.test/login', /the page is not https/],
        ['critical', 'secure-forms.form-on-http', 'http://legacy-login.failing.test/login'],
      ],
      unmeasured: STOPPED,
    },
    'mixed-content': {
      status: 'failed',
      findings: [['high', 'mixed-content.active', 'http://failing.lab.test/session']],
      unmeasured: STOPPED,
    },
    'no-downgrade': {
      status: 'failed',
      findings: [['high', 'no-downgrade.redirect-to-http', `${FAILING}/old-login`]],
      unmeasured: STOPPED,
    },
  },
  hosts: [
    {
      host: 'failing.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) => page(res, 'Failing', '<p>home</p>'),
          '/legacy-login': (res) =>
            page(
              res,
              'Legacy sign in',
              '<form method="post" action="http://failing.lab.test/session"><input id="username" name="u"><input id="password" name="p" type="password"><button>Sign in</button></form>',
            ),
          '/products': (res) => page(res, 'Products', '<button id="add-to-basket">Add to basket</button>'),
          '/cart': (res) => page(res, 'Cart', '<p>empty</p>'),
          '/moved-login': (res) => redirect(res, 302, 'https://elsewhere.thirdparty.test/login'),
          '/old-login': (res) => redirect(res, 302, 'http://legacy-login.failing.test/login'),
        }),
      },
    },
  ],
  unlisted: [
    {
      host: 'elsewhere.thirdparty.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/login': (res) =>
            page(
              res,
              'Sign in elsewhere',
              '<form method="post" action="/session"><input id="password" type="password"><button>Go</button></form>',
              { hsts: null },
            ),
        }),
      },
    },
    {
      host: 'legacy-login.failing.test',
      https: { kind: 'serve', handler: routes({}) },
      http: routes({
        '/login': (res) =>
          page(
            res,
            'Plain sign in',
            '<form method="post" action="/session"><input id="password" type="password"><button>Go</button></form>',
            { hsts: null },
          ),
      }),
    },
  ],
};
