// The clean site: right in every respect, so every check must pass on it.
import type { LabSite } from '../types.ts';
import { page, routes } from '../respond.ts';

const nav = '<nav><a href="/">Home</a> <a href="/about">About</a> <a href="https://www.good.lab.test/">www</a></nav>';

export const good: LabSite = {
  name: 'good',
  purpose: 'clean site: no check may report anything',
  pages: ['/', '/about', '/account'],
  expect: {},
  hosts: [
    {
      host: 'good.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) => page(res, 'Good', `${nav}<p>Welcome.</p>`),
          '/about': (res) => page(res, 'About', `${nav}<p>About us.</p>`),
          '/account': (res) => page(res, 'Account', `${nav}<p>Your account.</p>`),
        }),
      },
    },
    { host: 'www.good.lab.test', https: { kind: 'serve', handler: routes({ '/': (res) => page(res, 'www', nav) }) } },
    { host: 'api.good.lab.test', https: { kind: 'serve', handler: routes({ '/': (res) => page(res, 'API', '<p>API</p>') }) } },
  ],
};
