// Planted flaws for cookie-secure, cookie-httponly and cookie-samesite: cookies sent by the
// server (page, subdomain image) and set by script, each missing or breaking one attribute;
// a deletion and a listed third-party cookie that must not be judged.
import { NO_SENSITIVE_FORMS, type LabSite } from '../types.ts';
import { page, routes } from '../respond.ts';

const HOME = 'https://cookies.lab.test/';
const PIXEL = 'https://www.cookies.lab.test/pixel.png';

const SET_COOKIES = [
  'sessionid=s1; Path=/; HttpOnly; SameSite=Lax', // no Secure
  'auth_token=t1; Path=/; Secure; SameSite=Strict', // no HttpOnly
  'theme=dark; Path=/; Secure; SameSite=Lax', // no HttpOnly, not a session cookie
  'prefs=1; Path=/; Secure; HttpOnly', // no SameSite
  'tracker=1; Path=/; Secure; HttpOnly; SameSite=Sometimes', // invalid SameSite
  'cross=1; Path=/; HttpOnly; SameSite=None', // SameSite=None without Secure (and no Secure)
  '__Secure-id=1; Path=/; HttpOnly; SameSite=Lax', // __Secure- without Secure (and no Secure)
  '__Host-pref=1; Path=/app; Secure; HttpOnly; SameSite=Lax', // __Host- with a Path other than /
  '__Host-uid=1; Path=/; Domain=cookies.lab.test; Secure; HttpOnly; SameSite=Lax', // __Host- with Domain
  'old=; Path=/; Max-Age=0', // a deletion: not judged
  'lb-session-affinity=1; Path=/; Secure; SameSite=Lax', // no HttpOnly: a load balancer's stickiness, not a session cookie
];

const script = `<script>
  document.cookie = 'js_session=abc; path=/; Secure';
  document.cookie = 'ui_mode=compact; path=/; Secure; SameSite=Lax';
</script>`;

export const cookies: LabSite = {
  name: 'cookie-flaws',
  purpose:
    "cookie-secure / cookie-httponly / cookie-samesite: each attribute missing or wrong once, from headers and scripts; a load balancer's affinity cookie is no session cookie",
  pages: ['/'],
  cookies: {
    ignore: [{ name: '_tp', domain: 'thirdparty.test', reason: 'third-party widget cookie, accepted in the lab' }],
  },
  expect: {
    ...NO_SENSITIVE_FORMS,
    'cookie-secure': {
      status: 'failed',
      findings: [
        ['high', 'cookie-secure.missing-secure', `sessionid (${HOME})`],
        ['medium', 'cookie-secure.missing-secure', `cross (${HOME})`],
        ['medium', 'cookie-secure.missing-secure', `__Secure-id (${HOME})`],
      ],
    },
    'cookie-httponly': {
      status: 'failed',
      findings: [
        ['high', 'cookie-httponly.missing-httponly', `auth_token (${HOME})`],
        ['low', 'cookie-httponly.missing-httponly', `theme (${HOME})`],
        ['high', 'cookie-httponly.missing-httponly', `js_session (${HOME})`],
        ['low', 'cookie-httponly.missing-httponly', `ui_mode (${HOME})`],
        [
          'low',
          'cookie-httponly.missing-httponly',
          `lb-session-affinity (${HOME})`,
          /^cookie \(by its name a load balancer's affinity or routing cookie, not a credential/,
        ],
      ],
    },
    'cookie-samesite': {
      status: 'failed',
      findings: [
        ['low', 'cookie-samesite.missing-samesite', `prefs (${HOME})`],
        ['low', 'cookie-samesite.invalid-samesite', `tracker (${HOME})`],
        ['high', 'cookie-samesite.none-without-secure', `cross (${HOME})`],
        ['high', 'cookie-samesite.secure-prefix', `__Secure-id (${HOME})`],
        ['high', 'cookie-samesite.host-prefix', `__Host-pref (${HOME})`],
        ['high', 'cookie-samesite.host-prefix', `__Host-uid (${HOME})`],
        ['medium', 'cookie-samesite.missing-samesite', `js_session (${HOME})`],
        ['low', 'cookie-samesite.domain-widened', `wide (${PIXEL})`],
      ],
    },
  },
  hosts: [
    {
      host: 'cookies.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) =>
            page(
              res,
              'Cookies',
              `<img src="${PIXEL}" alt=""><iframe src="https://widgets.thirdparty.test/cookie-widget"></iframe>${script}`,
              { headers: { 'set-cookie': SET_COOKIES } },
            ),
        }),
      },
    },
    {
      host: 'www.cookies.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) => page(res, 'www', '<p>www</p>'),
          // A subdomain that scopes its cookie to the parent domain.
          '/pixel.png': (res) =>
            res
              .writeHead(200, {
                'content-type': 'image/png',
                'set-cookie': 'wide=1; Path=/; Domain=cookies.lab.test; Secure; HttpOnly; SameSite=Lax',
              })
              .end(),
        }),
      },
    },
  ],
};
