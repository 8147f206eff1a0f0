// The sites.json that scans the lab: derived from the lab's own site list so the two
// cannot drift apart (a unit test compares it with the committed sites.json).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SitesFileInput } from '../src/config/schema.ts';
import { labPorts } from './ports.ts';
import { LAB_SETTLE_MS, type LabSite } from './types.ts';
import { LAB_SITES } from './sites/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Flow scripts are named relative to the repository; a sites file elsewhere gets their absolute path. */
const withScriptPaths = (flows: Record<string, unknown>[], sitesDir: string) =>
  flows.map((f) =>
    typeof f.script === 'string' && sitesDir !== ROOT ? { ...f, script: path.join(ROOT, f.script) } : f,
  );

/** OpenAPI documents too. */
const withDocumentPath = <A extends { openapi?: string }>(api: A, sitesDir: string): A =>
  api.openapi !== undefined && sitesDir !== ROOT ? { ...api, openapi: path.join(ROOT, api.openapi) } : api;

/** `sitesDir` is where the file will be written (the repository for the committed sites.json). */
type SiteInput = SitesFileInput['sites'][number];

export function labSitesFile(
  portBase: number,
  ca: string,
  sites: LabSite[] = LAB_SITES,
  sitesDir: string = ROOT,
): SitesFileInput {
  const ports = labPorts(portBase, sites);
  const connectTo: Record<string, string> = {};
  for (const host of sites.flatMap((s) => [...s.hosts, ...(s.unlisted ?? [])])) {
    if (host.https.kind === 'no-dns') continue;
    connectTo[`${host.host}:443`] =
      `127.0.0.1:${host.https.kind === 'refuse' ? ports.closed : ports.https.get(host.host)}`;
    connectTo[`${host.host}:80`] = `127.0.0.1:${host.http === 'refuse' ? ports.closed : ports.http}`;
    for (const port of host.alsoOn ?? [])
      connectTo[`${host.host}:${port}`] = `127.0.0.1:${ports.also.get(`${host.host}:${port}`)}`;
  }
  // A lab site that stands for a top-level API is written to `apis`, not `sites`.
  const listed = sites.filter((s) => !s.topLevelApi);
  return {
    $schema: './sites.schema.json',
    ca,
    connectTo,
    // Generous bounds, since verdicts must not depend on how busy the machine is (the load test
    // keeps both cores busy, and the collection process's event loop then runs up to 4 s late):
    // a fresh context loading a page with a cross-site frame starts two renderers, and once took
    // over 15 s there (pageMs, now the product's default); a handshake of a few milliseconds
    // when idle once timed out twice at 2000 ms (connectMs). Only the hostile pages and the silent
    // host wait them out.
    timeouts: { connectMs: 6000, requestMs: 5000, pageMs: 20000, settleMs: LAB_SETTLE_MS },
    sites: listed.map((s) => ({
      name: s.name,
      url: `https://${s.hosts[0]!.host}/`,
      subdomains: s.hosts.slice(1).map((h) => h.host),
      pages: s.pages,
      ...(s.flows ? { flows: withScriptPaths(s.flows, sitesDir) as SiteInput['flows'] } : {}),
      ...(s.policy ? { policy: s.policy } : {}),
      ...(s.cookies ? { cookies: s.cookies } : {}),
      ...(s.apis ? { apis: s.apis.map((a) => withDocumentPath(a, sitesDir)) } : {}),
      ...(s.discover !== undefined ? { discover: s.discover } : {}),
    })),
    apis: sites.flatMap((s) => (s.topLevelApi ? [withDocumentPath({ name: s.name, ...s.topLevelApi }, sitesDir)] : [])),
  };
}
