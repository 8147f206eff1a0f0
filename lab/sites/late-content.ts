// Late content: what a page adds by timers after its `load`, at 10%, 50% and 90% of the lab's
// settleMs, must be seen, on an idle machine as on a busy one (listed pages run settleMs of their
// own time in Chromium's virtual time). The flawed site adds every kind of mixed content late: an
// image, a script, an iframe, a fetch, a WebSocket and a form posting over http, in the page and in
// cross-site (out-of-process) iframes, one of them itself inserted late. A settle that stopped after
// 500 ms of network quiet would miss the 50% and 90% ones. The clean site adds the same kinds over
// https and must pass.
import type { ServerResponse } from 'node:http';
import { LAB_SETTLE_MS, type LabSite, NO_COOKIES, NO_SENSITIVE_FORMS } from '../types.ts';
import { page, routes } from '../respond.ts';
import { assets } from './mixed-content.ts';

const DELAYS = [0.1, 0.5, 0.9].map((share) => Math.round(share * LAB_SETTLE_MS));
const INSECURE = 'late.insecure.test';
const WIDGETS = 'https://timers.latewidgets.test';

/** A timer `delayMs` after the document's load event (a frame's own load, in a frame). */
const afterLoad = (delayMs: number, body: string) =>
  `<script>addEventListener('load', () => setTimeout(() => { ${body} }, ${delayMs}));</script>`;

const insert = (tag: string, src: string) =>
  `{ const e = document.createElement('${tag}'); e.src = '${src}'; document.body.append(e); }`;

/** Every kind of content at once, from `base` (and a WebSocket to `socket`, when given). */
const everyKind = (base: string, socket?: string) =>
  [
    insert('img', `${base}/late.png`),
    insert('script', `${base}/late.js`),
    insert('iframe', `${base}/late.html`),
    `fetch('${base}/late.json').catch(() => {});`,
    socket ? `try { new WebSocket('${socket}'); } catch (e) {}` : '',
    `document.body.insertAdjacentHTML('beforeend', '<form action="${base}/subscribe" method="post"><input name="email" type="email"><button>Subscribe</button></form>');`,
  ].join(' ');

const insecureBase = (delay: number) => `http://${INSECURE}/${delay}`;

/** What the scan must report for the content added `delay` ms after load. */
const lateFindings = (delay: number): [string, string, string, RegExp?][] => {
  const base = insecureBase(delay);
  return [
    ['medium', 'mixed-content.passive', `${base}/late.png`, /image .*: upgraded/],
    ['high', 'mixed-content.active', `${base}/late.js`, /script .*: blocked/],
    ['high', 'mixed-content.active', `${base}/late.html`, /frame .*: blocked/],
    ['high', 'mixed-content.active', `${base}/late.json`, /fetch.*: blocked/],
    ['high', 'mixed-content.active', `ws://${INSECURE}/${delay}/socket`, /websocket.*: blocked/],
    ['high', 'mixed-content.active', `${base}/subscribe`],
  ];
};

// A cross-site iframe present from the start, adding an image at 90%; and one the page inserts
// at 50%, adding a script 50% after its own load: each runs in a renderer of its own.
const [, HALF, EDGE] = DELAYS as [number, number, number];
const widgets = routes({
  '/widget': (res) =>
    page(res, 'Widget', afterLoad(EDGE, insert('img', `http://${INSECURE}/widget/late.png`)), { hsts: null }),
  '/late-widget': (res) =>
    page(res, 'Late widget', afterLoad(HALF, insert('script', `http://${INSECURE}/late-widget/late.js`)), {
      hsts: null,
    }),
});
const framesPage = `<iframe src="${WIDGETS}/widget"></iframe>${afterLoad(HALF, insert('iframe', `${WIDGETS}/late-widget`))}`;

/** `/<delay>` adds every kind of content that many ms after load; `/frames` holds the cross-site iframes. */
const latePages = routes({
  ...Object.fromEntries(
    DELAYS.map((delay) => [
      `/${delay}`,
      (res: ServerResponse) =>
        page(
          res,
          `Late by ${delay} ms`,
          afterLoad(delay, everyKind(insecureBase(delay), `ws://${INSECURE}/${delay}/socket`)),
        ),
    ]),
  ),
  '/frames': (res) => page(res, 'Frames', framesPage),
});

export const lateContent: LabSite = {
  name: 'late-content-flaws',
  purpose: `mixed-content added by timers ${DELAYS.join(', ')} ms after load (settleMs ${LAB_SETTLE_MS}), also in cross-site iframes`,
  pages: [...DELAYS.map((d) => `/${d}`), '/frames'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    'mixed-content': {
      status: 'failed',
      findings: [
        ...DELAYS.flatMap(lateFindings),
        [
          'medium',
          'mixed-content.passive',
          `http://${INSECURE}/widget/late.png`,
          /image .*in frame https:\/\/timers\.latewidgets\.test\/widget/,
        ],
        [
          'high',
          'mixed-content.active',
          `http://${INSECURE}/late-widget/late.js`,
          /script .*in frame https:\/\/timers\.latewidgets\.test\/late-widget.*: blocked/,
        ],
      ],
    },
  },
  hosts: [{ host: 'late.lab.test', https: { kind: 'serve', handler: latePages } }],
  unlisted: [
    { host: INSECURE, https: { kind: 'serve', handler: assets }, http: assets },
    { host: 'timers.latewidgets.test', https: { kind: 'serve', handler: widgets } },
  ],
};

const CLEAN = 'https://late-clean.lab.test';
// Content after settleMs is not waited for, but it is not planted here: the page's own clock runs
// in real time until its budget starts, so on a loaded machine such content may still be seen.
const cleanHome = DELAYS.map((d) => afterLoad(d, everyKind(`${CLEAN}/${d}`))).join('\n');

export const lateContentClean: LabSite = {
  name: 'late-content-clean',
  purpose: 'clean: the same late kinds over https pass',
  pages: ['/'],
  expect: { ...NO_COOKIES, ...NO_SENSITIVE_FORMS },
  hosts: [
    {
      host: 'late-clean.lab.test',
      https: {
        kind: 'serve',
        // Its pages and frames are documents of the site (with HSTS); the rest are assets.
        handler: (req, res) =>
          req.url === '/'
            ? page(res, 'Late but secure', cleanHome)
            : req.url?.endsWith('.html')
              ? page(res, 'Frame', '<p>framed</p>')
              : assets(req, res),
      },
    },
  ],
};
