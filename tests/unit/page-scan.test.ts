import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument, srcsetUrls, cssUrls } from '../../src/recording/page-scan.ts';

const PAGE = 'https://example.test/shop/';
const refs = (html: string) => scanDocument(html, PAGE).insecureReferences.map((r) => [r.kind, r.via, r.url]);

test('every element and CSS that loads a URL is found, with its kind', () => {
  const html = `<head><link rel="stylesheet" href="http://a.test/s.css"><link rel="shortcut icon" href="http://a.test/f.ico">
    <link rel="preload" as="font" href="http://a.test/f.woff2"><style>@import "http://a.test/i.css"; .x { background: url(http://a.test/bg.png) }</style></head>
    <body><script src="http://a.test/s.js"></script><img src="http://a.test/i.png" srcset="https://a.test/1.png 1x, http://a.test/2.png 2x">
    <picture><source srcset="http://a.test/p.webp"></picture><video src="http://a.test/v.mp4" poster="http://a.test/poster.png"></video>
    <audio><source src="http://a.test/a.mp3"></audio><iframe src="http://a.test/frame"></iframe><object data="http://a.test/o.swf"></object>
    <div style="background-image: url('http://a.test/div.png')"></div>
    <form action="http://a.test/post"><button formaction="http://a.test/alt">Go</button></form></body>`;
  assert.deepEqual(refs(html), [
    ['script', 'script[src]', 'http://a.test/s.js'],
    ['image', 'img[src]', 'http://a.test/i.png'],
    ['image', 'video[poster]', 'http://a.test/poster.png'],
    ['video', 'video[src]', 'http://a.test/v.mp4'],
    ['audio', 'source[src]', 'http://a.test/a.mp3'],
    ['frame', 'iframe[src]', 'http://a.test/frame'],
    ['object', 'object[data]', 'http://a.test/o.swf'],
    ['form', 'form[action]', 'http://a.test/post'],
    ['form', 'button[formaction]', 'http://a.test/alt'],
    ['image', 'img[srcset]', 'http://a.test/2.png'],
    ['image', 'source[srcset]', 'http://a.test/p.webp'],
    ['stylesheet', 'link[rel=stylesheet]', 'http://a.test/s.css'],
    ['favicon', 'link[rel=icon]', 'http://a.test/f.ico'],
    ['font', 'link[rel=preload]', 'http://a.test/f.woff2'],
    ['stylesheet', 'style url()', 'http://a.test/i.css'],
    ['image', 'style url()', 'http://a.test/bg.png'],
    ['image', 'div[style] url()', 'http://a.test/div.png'],
  ]);
});

test('text, comments, links, data attributes, protocol-relative and https URLs are not loaded content', () => {
  const html = `<p>see http://a.test/t.png</p><!-- <img src="http://a.test/c.png"> --><a href="http://a.test/">a</a>
    <img src="//a.test/rel.png" data-src="http://a.test/d.png"><link rel="canonical" href="http://a.test/"><link rel="preconnect" href="http://a.test">
    <template><img src="http://a.test/tpl.png"></template><noscript><img src="http://a.test/ns.png"></noscript><script src="https://a.test/ok.js"></script>`;
  assert.deepEqual(refs(html), []);
});

test('relative URLs resolve against <base href>, so an http base makes them insecure', () => {
  assert.deepEqual(refs('<base href="http://cdn.test/assets/"><script src="app.js"></script>'), [
    ['script', 'script[src]', 'http://cdn.test/assets/app.js'],
  ]);
  assert.deepEqual(refs('<script src="app.js"></script>'), []);
});

test('a WebSocket URL in an attribute is not guessed at, but ws:// references are kept', () => {
  assert.deepEqual(refs('<iframe src="ws://a.test/x"></iframe>'), [['frame', 'iframe[src]', 'ws://a.test/x']]);
});

test('srcset candidates follow the HTML parsing rules, commas inside URLs included', () => {
  assert.deepEqual(srcsetUrls('a.png 1x, b.png 2x'), ['a.png', 'b.png']);
  assert.deepEqual(srcsetUrls('http://x.test/i.png?w=1,2 100w,http://x.test/j.png'), [
    'http://x.test/i.png?w=1,2',
    'http://x.test/j.png',
  ]);
  assert.deepEqual(srcsetUrls('  '), []);
});

test('CSS @import is a stylesheet, other url() values are images', () => {
  assert.deepEqual(cssUrls('@import url("http://a/i.css"); b { background: url(http://a/b.png) }'), [
    { url: 'http://a/i.css', kind: 'stylesheet' },
    { url: 'http://a/b.png', kind: 'image' },
  ]);
});

test('forms: resolved action (the document when absent), formactions, fields by form= and fields outside forms', () => {
  const html = `<form id="login" method="POST"><input name="user" autocomplete="Username"><input type="hidden" name="t"></form>
    <input form="login" type="password" name="pw"><button form="login" formaction="http://a.test/x">Go</button>
    <form action="pay" class="checkout"><input name="cc" autocomplete="cc-number"></form>
    <input type="password" name="loose">`;
  const forms = scanDocument(html, 'https://example.test/shop/page#top').forms;
  assert.deepEqual(
    forms.map((f) => [
      f.action,
      f.formActions,
      f.method,
      f.label,
      f.fields.map((x) => `${x.type}:${x.name}:${x.autocomplete}`),
    ]),
    [
      ['https://example.test/shop/page', ['http://a.test/x'], 'post', 'login', ['text:user:username', 'password:pw:']],
      ['https://example.test/shop/pay', [], 'get', 'checkout pay', ['text:cc:cc-number']],
      [undefined, [], '', '', ['password:loose:']],
    ],
  );
});

test('a <meta> Content-Security-Policy with upgrade-insecure-requests is recognised; report-only or other directives are not', () => {
  const upgrades = (head: string) => scanDocument(`<html><head>${head}</head></html>`, PAGE).upgradesInsecureRequests;
  assert.equal(upgrades('<meta http-equiv="Content-Security-Policy" content="upgrade-insecure-requests">'), true);
  assert.equal(
    upgrades(`<meta http-equiv="content-security-policy" content="default-src 'self';  Upgrade-Insecure-Requests ">`),
    true,
  );
  assert.equal(
    upgrades('<meta http-equiv="Content-Security-Policy-Report-Only" content="upgrade-insecure-requests">'),
    false,
  );
  assert.equal(upgrades(`<meta http-equiv="Content-Security-Policy" content="block-all-mixed-content">`), false);
  assert.equal(upgrades(''), false);
});
