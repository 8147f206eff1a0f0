// Planted flaws for secure-forms: a login form, a card form and a password-less sign-in
// step that submit to http from https pages, and a login page served over plain http.
// The newsletter form posts to http too: mixed-content reports it, secure-forms does not.
import { NO_COOKIES, type LabSite } from '../types.ts';
import { page, redirect, routes } from '../respond.ts';

const login = `<form id="login" method="post" action="http://forms.lab.test/session">
  <input name="user" autocomplete="username"><input name="pass" type="password"><button>Log in</button></form>`;
const pay = `<form method="post" action="/charge">
  <input name="cc" autocomplete="cc-number"><input name="exp" autocomplete="cc-exp">
  <button formaction="http://forms.lab.test/charge">Pay</button></form>`;
const signin = `<form class="sign-in-step" method="post" action="http://forms.lab.test/next"><input name="email" autocomplete="username"><button>Next</button></form>`;
const newsletter = `<form method="post" action="http://forms.lab.test/newsletter"><input name="email" type="email"><button>Subscribe</button></form>`;
const legacy = `<form method="post" action="/login"><input name="user"><input name="password" type="password"><input name="cardnumber"><button>Go</button></form>`;

export const forms: LabSite = {
  name: 'form-flaws',
  purpose: 'secure-forms: password, card and sign-in forms posting to http, and a login page on plain http',
  pages: ['/login', '/pay', '/signin', '/newsletter', '/legacy'],
  expect: {
    ...NO_COOKIES,
    'secure-forms': {
      status: 'failed',
      findings: [
        ['high', 'secure-forms.submits-to-http', 'https://forms.lab.test/login'],
        ['high', 'secure-forms.submits-to-http', 'https://forms.lab.test/pay'],
        ['high', 'secure-forms.submits-to-http', 'https://forms.lab.test/signin'],
        ['critical', 'secure-forms.form-on-http', 'http://legacy-forms.test/login'],
      ],
    },
    'mixed-content': {
      status: 'failed',
      findings: [
        ['high', 'mixed-content.active', 'http://forms.lab.test/session'],
        ['high', 'mixed-content.active', 'http://forms.lab.test/charge'],
        ['high', 'mixed-content.active', 'http://forms.lab.test/next'],
        ['high', 'mixed-content.active', 'http://forms.lab.test/newsletter'],
      ],
    },
    // The legacy page is reached by an https -> http redirect.
    'no-downgrade': {
      status: 'failed',
      findings: [['high', 'no-downgrade.redirect-to-http', 'https://forms.lab.test/legacy']],
    },
  },
  hosts: [
    {
      host: 'forms.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/login': (res) => page(res, 'Log in', login),
          '/pay': (res) => page(res, 'Pay', pay),
          '/signin': (res) => page(res, 'Sign in', signin),
          '/newsletter': (res) => page(res, 'Newsletter', newsletter),
          '/legacy': (res) => redirect(res, 302, 'http://legacy-forms.test/login'),
        }),
      },
    },
  ],
  unlisted: [
    {
      host: 'legacy-forms.test',
      https: { kind: 'serve', handler: routes({}) },
      http: routes({ '/login': (res) => page(res, 'Legacy login', legacy, { hsts: null }) }),
    },
  ],
};
