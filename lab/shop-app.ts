// A small shop with real sessions, used by the lab's clean site and by its flawed shop: a
// login form that posts credentials and gets a session cookie, pages behind the login,
// a cart, and a checkout page reachable only when signed in with something in the cart.
// What differs between the two (cookie attributes, the payment script, extra markup) is
// an option, so each planted flaw is one visible setting.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { labCredential } from './credentials.ts';
import { escapeHtml, page, redirect } from './respond.ts';
import { formBody, Sessions } from './session.ts';

export interface ShopOptions {
  /** Name and attributes of the session cookie the login sets, e.g. "sid" and "Path=/; Secure; HttpOnly; SameSite=Lax". */
  cookie: { name: string; attributes: string };
  /** The payment script the checkout page loads. */
  paymentScript: string;
  /** Extra markup on the account page. */
  accountExtra?: string;
  /** Echo the signed-in user's name in the welcome page's title, URL and a cookie (proves redaction). */
  echoUser?: boolean;
}

type Route = (res: ServerResponse, url: URL, req: IncomingMessage) => void;

/** The sign-in steps of a lab shop, as sites.json writes them: the credentials are ${VAR}s. */
export const loginSteps = (landing: string) => [
  { goto: '/login' },
  { fill: '#username', value: '${LAB_SHOP_USER}' },
  { fill: '#password', value: '${LAB_SHOP_PASSWORD}' },
  { click: "role=button[name='Sign in']" },
  { waitFor: { url: landing } },
];

/** The checkout steps of a lab shop, from a product to the card field of the checkout page. */
export const checkoutSteps = (atCheckout: Record<string, string>) => [
  { goto: '/products' },
  { click: '#add-to-cart' },
  { goto: '/cart' },
  { click: '#go-to-checkout' },
  { waitFor: atCheckout },
  { fill: '[autocomplete=cc-number]', value: '${LAB_TEST_CARD}' },
];

const loginForm = `<form id="login" method="post" action="/session">
  <label>E-mail <input id="username" name="username" autocomplete="username"></label>
  <label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
  <button type="submit">Sign in</button></form>`;

export function shopRoutes(opts: ShopOptions): Record<string, Route> {
  const sessions = new Sessions(opts.cookie.name);
  const signedIn =
    (route: (res: ServerResponse, user: string, cart: string[], url: URL) => void): Route =>
    (res, url, req) => {
      const session = sessions.of(req);
      if (!session) return redirect(res, 302, '/login');
      route(res, session.user, session.cart, url);
    };
  /** Opens a session for a user who proved who they are, and sends them on. */
  const startSession = (res: ServerResponse, user: string): void => {
    const cookies = [`${opts.cookie.name}=${sessions.open(user)}; ${opts.cookie.attributes}`];
    if (opts.echoUser) cookies.push(`last_user=${encodeURIComponent(user)}; Path=/; Secure; HttpOnly; SameSite=Lax`);
    redirect(res, 303, opts.echoUser ? `/welcome?user=${encodeURIComponent(user)}` : '/account', {
      headers: { 'set-cookie': cookies },
    });
  };

  return {
    '/login': (res) => page(res, 'Sign in', loginForm),
    '/session': (res, _url, req) =>
      void formBody(req).then((form) => {
        const user = form.get('username') ?? '';
        if (user === labCredential('LAB_SHOP_USER') && form.get('password') === labCredential('LAB_SHOP_PASSWORD'))
          startSession(res, user);
        else page(res, 'Sign in', `<p>Wrong e-mail or password.</p>${loginForm}`, { status: 401 });
      }),
    '/welcome': signedIn((res, user) =>
      page(
        res,
        `Welcome ${escapeHtml(user)}`,
        `<p>Signed in as ${escapeHtml(user)}.</p><a href="/account">Your account</a>`,
      ),
    ),
    '/account': signedIn((res) =>
      page(res, 'Account', `<p>Your account.</p><a href="/orders">Orders</a>${opts.accountExtra ?? ''}`),
    ),
    '/orders': signedIn((res) => page(res, 'Orders', '<p>No orders yet.</p>')),
    '/products': signedIn((res) =>
      page(
        res,
        'Products',
        '<form method="post" action="/cart/add"><input type="hidden" name="item" value="tea"><button id="add-to-cart">Add tea to cart</button></form>',
      ),
    ),
    '/cart/add': signedIn((res, _user, cart) => {
      cart.push('tea');
      redirect(res, 303, '/cart');
    }),
    '/cart': signedIn((res, _user, cart) =>
      page(
        res,
        'Cart',
        `<p>${cart.length} item(s).</p>${cart.length ? '<a id="go-to-checkout" href="/checkout">Checkout</a>' : ''}`,
      ),
    ),
    '/checkout': signedIn((res, _user, cart) => {
      if (cart.length === 0) return redirect(res, 302, '/cart');
      page(
        res,
        'Checkout',
        `<script src="${opts.paymentScript}"></script>
<form method="post" action="/pay"><label>Card <input name="card" autocomplete="cc-number"></label><button>Pay (test mode: nothing is charged)</button></form>`,
      );
    }),
    '/pay': (res) => page(res, 'Test mode', '<p>Nothing was charged.</p>'),
    /** The identity provider sends the user back here with a one-time code. */
    '/sso/callback': (res, url) => {
      const user = redeemCode(url.searchParams.get('code') ?? '');
      if (user) startSession(res, user);
      else page(res, 'Sign in failed', '<p>Unknown code.</p>', { status: 401 });
    },
  };
}

// The identity provider of the flawed shop, on another host: a login form there, then a
// redirect back to the shop with a one-time code.
const codes = new Map<string, string>();
const redeemCode = (code: string): string | undefined => {
  const user = codes.get(code);
  codes.delete(code);
  return user;
};

export function identityProviderRoutes(): Record<string, Route> {
  const form = (back: string, note = '') =>
    `${note}<form method="post" action="/authorize/submit"><input type="hidden" name="return" value="${escapeHtml(back)}">
  <label>User <input id="idp-user" name="user" autocomplete="username"></label>
  <label>Password <input id="idp-password" name="password" type="password"></label><button>Continue</button></form>`;
  return {
    '/authorize': (res, url) => page(res, 'Identity provider', form(url.searchParams.get('return') ?? '')),
    '/authorize/submit': (res, _url, req) =>
      void formBody(req).then((body) => {
        const back = body.get('return') ?? '';
        if (
          body.get('user') !== labCredential('LAB_IDP_USER') ||
          body.get('password') !== labCredential('LAB_IDP_PASSWORD')
        ) {
          return page(res, 'Identity provider', form(back, '<p>Wrong user or password.</p>'), { status: 401 });
        }
        const code = randomBytes(8).toString('hex');
        codes.set(code, body.get('user')!);
        redirect(res, 303, `${back}?code=${code}`);
      }),
  };
}
