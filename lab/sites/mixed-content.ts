// Planted flaws for mixed-content: every kind of content an https page can fetch over
// http, passive and active, static and added by script, in the page and in same-site and
// cross-site iframes; plus http URLs that are not mixed content (text, comment, link,
// protocol-relative, data attribute) and must not be reported. Also hosts the two
// third-party hosts other lab sites embed.
import { NO_COOKIES, NO_SENSITIVE_FORMS, type Handler, type LabSite } from '../types.ts';
import { page, redirect, routes } from '../respond.ts';

const CDN = 'http://cdn.insecure.test';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.ico': 'image/png',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt',
};

/** A static file server for any path: scripts, styles, images, media and JSON, all harmless. */
export const assets: Handler = (req, res) => {
  const url = new URL(req.url ?? '/', 'http://cdn');
  const ext = /\.[a-z0-9]+$/.exec(url.pathname)?.[0] ?? '';
  const type = TYPES[ext] ?? 'application/json';
  res.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*' });
  res.end(
    type.startsWith('image/')
      ? PNG
      : type === 'text/css'
        ? 'body { color: #222 }'
        : type === 'text/javascript'
          ? '/* ok */'
          : ext === '.vtt'
            ? 'WEBVTT\n'
            : '{}',
  );
};

const passive = `
<img src="${CDN}/img.png" alt="">
<img src="https://cdn.insecure.test/ok.png" srcset="https://cdn.insecure.test/ok.png 1x, ${CDN}/hires.png 2x" alt="">
<audio src="${CDN}/sound.mp3" preload="auto"></audio>
<video src="${CDN}/clip.mp4" preload="auto"></video>
<div class="hero">hero</div>
<div style="height: 3000px"></div>
<img loading="lazy" src="${CDN}/lazy.png" alt="">
<p>Not mixed content: our old address was ${CDN}/text.png, see <a href="http://example.org/">example.org</a>.</p>
<!-- <img src="${CDN}/comment.png"> -->
<img src="//cdn.insecure.test/relative.png" data-src="${CDN}/data-src.png" alt="">`;

const passiveHead = `<link rel="icon" href="${CDN}/favicon.ico"><link rel="canonical" href="${CDN}/canonical"><style>.hero { background: url("${CDN}/bg.png") }</style>`;

const active = `
<script src="${CDN}/app.js"></script>
<script>
  fetch('${CDN}/api.json').catch(() => {});
  const xhr = new XMLHttpRequest(); xhr.open('GET', '${CDN}/xhr.json'); xhr.send();
  try { new WebSocket('ws://cdn.insecure.test/socket'); } catch (e) {}
  setTimeout(() => {
    const img = document.createElement('img'); img.src = '${CDN}/late.png'; document.body.append(img);
    const s = document.createElement('script'); s.src = '${CDN}/late.js'; document.body.append(s);
  }, 100);
</script>`;

const frames = `
<iframe src="http://mixed.lab.test/assets/frame.html"></iframe>
<iframe src="http://widgets.thirdparty.test/plain.html"></iframe>
<iframe src="https://widgets.thirdparty.test/widget"></iframe>`;

const forms = `
<form action="http://mixed.lab.test/assets/subscribe" method="post"><input name="email" type="email"><button>Subscribe</button></form>
<form action="/search"><input name="q"><button formaction="${CDN}/search">Search</button></form>`;

/** What a page asking browsers to upgrade insecure requests references over http: all fetched over https. */
const upgraded = `
<img src="${CDN}/upgraded.png" alt="">
<script src="${CDN}/upgraded.js"></script>
<iframe src="http://mixed.lab.test/assets/upgraded-frame.html"></iframe>
<form action="${CDN}/upgraded-search"><input name="q"><button>Search</button></form>`;
const UPGRADE = 'upgrade-insecure-requests';

/** Port 80 of the site's own host: assets under /assets/, a redirect to https for anything else. */
const ownHttp: Handler = (req, res) =>
  req.url?.startsWith('/assets/')
    ? assets(req, res)
    : redirect(res, 301, `https://${req.headers.host}${req.url}`, { hsts: null });

const widget = routes({
  // Mixed content inside a cross-site (out-of-process) iframe.
  '/widget': (res) =>
    page(
      res,
      'Widget',
      `<img src="http://widgets.thirdparty.test/badge.png" alt=""><script src="http://widgets.thirdparty.test/widget.js"></script>`,
      { hsts: null },
    ),
  // A third-party iframe that sets a cookie the cookie lab site lists as known.
  '/cookie-widget': (res) =>
    page(res, 'Cookie widget', '<p>tracking</p>', {
      hsts: null,
      headers: { 'set-cookie': '_tp=1; Path=/; SameSite=None; Secure' },
    }),
});

export const mixedContent: LabSite = {
  name: 'mixed-content-flaws',
  purpose:
    'mixed-content: passive, active, late, lazy, framed and form content over http, and lookalikes that are not (http references on pages whose Content-Security-Policy, by header or <meta>, upgrades them)',
  pages: ['/', '/active', '/frames', '/forms', '/upgraded', '/upgraded-meta'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    'mixed-content': {
      status: 'failed',
      findings: [
        ['medium', 'mixed-content.passive', `${CDN}/img.png`, /image .*on https:\/\/mixed\.lab\.test\/: upgraded/],
        ['medium', 'mixed-content.passive', `${CDN}/hires.png`],
        ['medium', 'mixed-content.passive', `${CDN}/sound.mp3`],
        ['medium', 'mixed-content.passive', `${CDN}/clip.mp4`],
        ['medium', 'mixed-content.passive', `${CDN}/lazy.png`],
        ['medium', 'mixed-content.passive', `${CDN}/favicon.ico`],
        ['medium', 'mixed-content.passive', `${CDN}/bg.png`],
        ['high', 'mixed-content.active', `${CDN}/app.js`, /script .*: blocked/],
        ['high', 'mixed-content.active', `${CDN}/style.css`, /stylesheet .*: blocked/],
        ['high', 'mixed-content.active', `${CDN}/api.json`, /fetch.*: blocked/],
        ['high', 'mixed-content.active', `${CDN}/xhr.json`, /fetch.*: blocked/],
        ['high', 'mixed-content.active', 'ws://cdn.insecure.test/socket', /websocket.*: blocked/],
        ['medium', 'mixed-content.passive', `${CDN}/late.png`],
        ['high', 'mixed-content.active', `${CDN}/late.js`, /script.*: blocked/],
        ['high', 'mixed-content.active', 'http://mixed.lab.test/assets/frame.html', /frame .*: blocked/],
        ['high', 'mixed-content.active', 'http://widgets.thirdparty.test/plain.html', /frame .*: blocked/],
        [
          'medium',
          'mixed-content.passive',
          'http://widgets.thirdparty.test/badge.png',
          /image .*in frame https:\/\/widgets\.thirdparty\.test\/widget/,
        ],
        [
          'high',
          'mixed-content.active',
          'http://widgets.thirdparty.test/widget.js',
          /script .*in frame https:\/\/widgets\.thirdparty\.test\/widget.*: blocked/,
        ],
        ['high', 'mixed-content.active', 'http://mixed.lab.test/assets/subscribe'],
        ['high', 'mixed-content.active', `${CDN}/search`],
      ],
    },
  },
  hosts: [
    {
      host: 'mixed.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) => page(res, 'Passive mixed content', passive, { head: passiveHead }),
          '/active': (res) =>
            page(res, 'Active mixed content', active, {
              head: `<link rel="icon" href="data:,"><link rel="stylesheet" href="${CDN}/style.css">`,
            }),
          '/frames': (res) => page(res, 'Frames', frames),
          '/forms': (res) => page(res, 'Forms', forms),
          '/search': (res) => page(res, 'Search', '<p>results</p>'),
          '/upgraded': (res) =>
            page(res, 'Upgraded by header', upgraded, { headers: { 'content-security-policy': UPGRADE } }),
          '/upgraded-meta': (res) =>
            page(res, 'Upgraded by meta', upgraded, {
              head: `<link rel="icon" href="data:,"><meta http-equiv="Content-Security-Policy" content="${UPGRADE}">`,
            }),
        }),
      },
      http: ownHttp,
    },
  ],
  unlisted: [
    { host: 'cdn.insecure.test', https: { kind: 'serve', handler: assets }, http: assets },
    { host: 'widgets.thirdparty.test', https: { kind: 'serve', handler: widget }, http: assets },
  ],
};
