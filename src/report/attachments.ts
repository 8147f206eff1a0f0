// How each kind of evidence is shown to a person in the Playwright HTML report and in
// Allure: readable tables and images beside the raw JSON. One renderer per evidence kind.
import type { EvidenceKind, SiteEvidence } from '../collectors/types.ts';

export interface Attachment {
  name: string;
  contentType: string;
  /** Either inline content or a file to copy into the report. */
  body?: string;
  path?: string;
}

type Renderers = { [K in EvidenceKind]?: (evidence: SiteEvidence[K]) => Attachment[] };

const textTable = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
};

export const RENDERERS: Renderers = {
  transport: (t) => [
    {
      name: 'hosts',
      contentType: 'text/plain',
      body: textTable([
        ['host', 'https', 'connected to', 'http:// chain'],
        ...t.hosts.map((h) => {
          const first = h.https.hops[0];
          const https = first?.error ? `${first.error.kind}: ${first.error.code ?? ''}` : `${first?.status} ${first?.tls?.protocol ?? ''}`;
          const chain = h.http.hops.map((x) => (x.error ? `${x.url} (${x.error.kind})` : `${x.url} ${x.status}`)).join(' -> ');
          return [h.host, https, first?.connectedTo ?? '', `${chain} [${h.http.outcome}]`];
        }),
      ]),
    },
  ],
  pages: (p) => [
    {
      name: 'pages',
      contentType: 'text/plain',
      body: textTable([
        ['page', 'status', 'final URL', 'ms', 'error or limit'],
        ...p.visits.map((v) => [v.url, String(v.status ?? '-'), v.finalUrl ?? '', String(v.elapsedMs), [v.error, ...v.notes].filter(Boolean).join('; ')]),
      ]),
    },
  ],
};

export function renderEvidence(kind: EvidenceKind, evidence: SiteEvidence[EvidenceKind]): Attachment[] {
  const render = RENDERERS[kind] as ((e: SiteEvidence[EvidenceKind]) => Attachment[]) | undefined;
  return render ? render(evidence) : [];
}
