// Many clean sites at once, for the scale benchmark: site i is https://s<i>.scale.lab.test/
// with two extra hosts (s<i>-www, s<i>-api) and five pages. One HTTPS server with a wildcard
// certificate answers for every host, and one wildcard connectTo rule sends them all to it,
// so a thousand sites cost one port. Every page is right in every respect (HSTS, https
// content, secure cookie, a login form posting to https), like the lab's clean site; with
// `flawedEvery: n`, every n-th site carries three of the lab's planted flaws instead, as real
// sites do (see FLAWED_CHECKS): the realistic run, where failing checks cost worker starts.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import path from 'node:path';
import type { SitesFileInput } from '../src/config/schema.ts';
import { createLabPki } from './server.ts';
import { issue } from './pki.ts';
import { HSTS_GOOD, page, redirect } from './respond.ts';

const DOMAIN = 'scale.lab.test';
export const SCALE_PAGES = ['/', '/about', '/account', '/products', '/contact'];

/**
 * The checks a flawed site fails, one planted flaw each, as on the lab's hsts-flaws,
 * mixed-content-flaws and cookie-flaws sites: no Strict-Transport-Security on any host, an
 * image over http (passive mixed content), a session cookie without Secure.
 */
export const FLAWED_CHECKS = ['hsts', 'mixed-content', 'cookie-secure'] as const;

/** Site i (1-based) of s<i>.scale.lab.test is flawed when i is a multiple of `flawedEvery`. */
const isFlawed = (site: string, flawedEvery: number): boolean =>
  flawedEvery > 0 && Number(site.slice(1)) % flawedEvery === 0;

const handler =
  (flawedEvery: number) =>
  (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const site = host.split('.')[0]!.replace(/-(www|api)$/, '');
    const flawed = isFlawed(site, flawedEvery);
    const hsts = flawed ? null : HSTS_GOOD;
    const url = new URL(req.url ?? '/', `https://${host}`);
    if (url.pathname === '/logo.png')
      return void res
        .writeHead(200, { 'content-type': 'image/png', ...(hsts ? { 'strict-transport-security': hsts } : {}) })
        .end();
    const nav = SCALE_PAGES.map((p) => `<a href="${p}">${p}</a>`).join(' ');
    const logo = `${flawed ? 'http' : 'https'}://${site}-www.${DOMAIN}/logo.png`;
    page(
      res,
      `${site} ${url.pathname}`,
      `<nav>${nav}</nav><img src="${logo}" alt="">
<form method="post" action="/session"><input name="user" autocomplete="username"><input name="password" type="password"><button>Log in</button></form>`,
      {
        hsts,
        headers: { 'set-cookie': `sid=${site}; Path=/;${flawed ? '' : ' Secure;'} HttpOnly; SameSite=Lax` },
      },
    );
  };

export interface ScaleLab {
  sitesFile: string;
  close(): Promise<void>;
}

export async function startScaleLab(count: number, dir: string, flawedEvery = 0): Promise<ScaleLab> {
  mkdirSync(dir, { recursive: true });
  const pki = await createLabPki();
  const leaf = await issue({ commonName: `*.${DOMAIN}`, sans: [`*.${DOMAIN}`] }, pki.intermediate);
  const servers: net.Server[] = [
    https.createServer({ key: leaf.keyPem, cert: leaf.certPem + pki.intermediate.certPem }, handler(flawedEvery)),
    http.createServer((req, res) =>
      redirect(res, 301, `https://${(req.headers.host ?? '').replace(/:\d+$/, '')}${req.url}`, { hsts: null }),
    ),
  ];
  const ports = await Promise.all(
    servers.map(
      (s) =>
        new Promise<number>((resolve) =>
          s.listen(0, '127.0.0.1', () => {
            const address = s.address();
            resolve(typeof address === 'object' && address ? address.port : 0);
          }),
        ),
    ),
  );
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, pki.root.certPem);
  const file: SitesFileInput = {
    ca: caFile,
    connectTo: { [`*.${DOMAIN}:443`]: `127.0.0.1:${ports[0]}`, [`*.${DOMAIN}:80`]: `127.0.0.1:${ports[1]}` },
    timeouts: { connectMs: 5000, requestMs: 10000, pageMs: 20000, settleMs: 1500 },
    sites: Array.from({ length: count }, (_, i) => ({
      name: `site-${i + 1}`,
      url: `https://s${i + 1}.${DOMAIN}/`,
      subdomains: [`s${i + 1}-www.${DOMAIN}`, `s${i + 1}-api.${DOMAIN}`],
      pages: SCALE_PAGES,
    })),
  };
  const sitesFile = path.join(dir, 'sites.json');
  writeFileSync(sitesFile, JSON.stringify(file, null, 2));
  return {
    sitesFile,
    close: async () => {
      for (const s of servers) {
        (s as http.Server).closeAllConnections?.();
        await new Promise((r) => s.close(r));
      }
    },
  };
}
