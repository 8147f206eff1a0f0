// How each kind of evidence is shown to a person in the Playwright HTML report and in Allure:
// readable tables (Markdown, shown as HTML) and images beside the raw JSON. One renderer per
// evidence kind, and one per check that has a view of its own.
import { existsSync } from 'node:fs';
import type {
  ApiExchange,
  ApisEvidence,
  CertificateFacts,
  EvidenceKind,
  HostTls,
  PagesEvidence,
  SiteEvidence,
  SuiteProbe,
  TlsEvidence,
} from '../model/evidence.ts';
import { insecureItems } from '../checks/mixed-content.ts';
import { cookieRecords } from '../checks/cookie-records.ts';
import { originPrefix, where } from '../checks/where.ts';
import { sanParseError, someNames } from '../checks/tls-hosts.ts';
import { cell, table, tableOrNone } from './markdown.ts';
import { certificateExpiry, daysLeft, expiryMarkdown } from './certificate-expiry.ts';

/** A table (Markdown) or an image file. */
export type Attachment = { name: string; markdown: string } | { name: string; contentType: string; path: string };

type Renderers = { [K in EvidenceKind]?: (evidence: SiteEvidence[K]) => Attachment[] };

function sanCell(c: CertificateFacts): string {
  const malformed = sanParseError(c);
  if (malformed) return `(cannot be parsed: ${malformed.message})`;
  return c.subjectAltNames === null ? '(no SAN extension)' : someNames(c.subjectAltNames);
}

function chainTable(h: HostTls, now: number): string {
  if (h.chain.length === 0)
    return `No certificate: ${cell(h.error ? `${h.error.kind} ${h.error.code ?? ''} ${h.error.message}` : 'none sent')}`;
  return table(
    [
      '#',
      'subject',
      'SANs',
      'issuer',
      'valid from',
      'valid to',
      'days left',
      'key',
      'signature',
      'SHA-256 fingerprint',
    ],
    h.chain.map((c, i) => [
      `${i}${c.inTrustStore ? ' (trust store)' : ''}`,
      c.subject,
      sanCell(c),
      c.selfSigned ? '(self-signed)' : c.issuer,
      c.validFrom.slice(0, 10),
      c.validTo.slice(0, 10),
      String(daysLeft(c.validTo, now)),
      `${c.keyType}${c.keyBits ? ` ${c.keyBits}` : ''}`,
      c.signatureAlgorithm,
      c.sha256Fingerprint,
    ]),
  );
}

const probeCell = (p: SuiteProbe): string =>
  p.result === 'accepted'
    ? `accepted (${p.protocol} ${p.cipher})`
    : p.result === 'not-probed'
      ? `NOT PROBED: ${p.reason}`
      : `${p.result} (${p.error.code ?? p.error.kind})`;

function tlsHostMarkdown(h: HostTls, now: number): string {
  const verdict = h.handshake
    ? `${h.handshake.protocol} ${h.handshake.cipher}; ${h.handshake.authorized ? 'verified' : `not verified: ${h.handshake.authorizationError}`}; trusted root: ${h.handshake.trustAnchor ?? 'none reached'}; covers ${h.host}: ${h.handshake.coversHost ? 'yes' : 'no'}`
    : 'default handshake failed';
  const probes = table(
    ['probe', 'kind', 'result'],
    [
      ...h.protocols.map((p) => [p.name, 'protocol', probeCell(p)]),
      ...h.ciphers.map((p) => [p.name, 'cipher family', probeCell(p)]),
    ],
  );
  return `## ${cell(h.host)} (connected to ${cell(h.connectedTo)})\n\n${cell(verdict)}\n\n${chainTable(h, now)}\n\n${probes}`;
}

const renderTls = (t: TlsEvidence): Attachment[] => {
  const now = Date.parse(t.collectedAt);
  return [
    {
      name: 'certificates and protocols',
      markdown: `Probed with ${cell(t.library)} at ${cell(t.collectedAt)}\n\n${t.hosts.map((h) => tlsHostMarkdown(h, now)).join('\n\n')}\n`,
    },
  ];
};

const flag = (on: boolean): string => (on ? 'yes' : 'NO');

/** Per page: every insecure URL and what the browser did with it. */
const insecureTable = (p: PagesEvidence): string =>
  tableOrNone(
    ['page', 'insecure URL', 'kind', 'found by', 'browser'],
    p.visits.flatMap((v) =>
      insecureItems(v).map((i) => [v.finalUrl ?? v.url, i.url, i.kind, i.via ?? 'browser report', i.resolution]),
    ),
    'No insecure content.',
  );

/** Every cookie the visits set, with the attributes it was really set with. */
const cookieTable = (p: PagesEvidence): string =>
  tableOrNone(
    ['cookie', 'set by', 'via', 'Secure', 'HttpOnly', 'SameSite', 'Domain', 'Path'],
    cookieRecords(p).map((c) => [
      c.name,
      c.setBy,
      c.via,
      flag(c.secure),
      flag(c.httpOnly),
      c.sameSite ?? (c.sameSiteInvalid ? 'INVALID' : 'MISSING'),
      c.domain ?? '(host only)',
      c.path,
    ]),
    'No cookies were set.',
  );

/** One answer of an API: status (or why none came), what went with it, what its body was. */
function apiAnswerCell(x: ApiExchange | undefined): string {
  if (!x) return '-';
  if (x.withheld) return `NOT SENT: ${x.withheld}`;
  if (x.error) return `${x.error.kind}: ${x.error.code ?? x.error.message}`;
  const body = x.body
    ? `, ${x.body.bytes} bytes ${x.body.format}${x.body.incomplete ? ` (${x.body.incomplete})` : ''}`
    : '';
  return `${x.status}${x.location ? ` -> ${x.location}` : ''}${body}`;
}

/** Per API: its document, then every request over https and its http:// twin. */
const renderApis = (a: ApisEvidence): Attachment[] =>
  a.apis.length === 0
    ? []
    : [
        {
          name: 'API requests',
          markdown: a.apis
            .map((api) => {
              const doc = api.openapi
                ? `OpenAPI ${cell(api.openapi.file)}: ${api.openapi.error ? cell(api.openapi.error) : `${api.openapi.operations} operations, servers ${cell(api.openapi.servers.map((s) => s.url).join(', ') || '(none)')}; not asked: ${api.openapi.notCalled.length}`}\n\n`
                : '';
              const calls = tableOrNone(
                ['request', 'https answer', 'credentials sent', 'http:// twin', 'twin answer'],
                api.calls.map((c) => [
                  `${c.source}: ${c.method} ${c.url}`,
                  apiAnswerCell(c.https),
                  c.https.credentials ? 'yes' : 'no',
                  c.twin?.url ?? `not asked: ${c.twinSkipped ?? ''}`,
                  apiAnswerCell(c.twin),
                ]),
                'No request was made.',
              );
              return `## ${cell(api.name)}\n\n${doc}${calls}\n`;
            })
            .join('\n'),
        },
      ];

export const RENDERERS: Renderers = {
  transport: (t) => [
    {
      name: 'hosts',
      markdown: table(
        ['host', 'https', 'connected to', 'http:// chain'],
        t.hosts.map((h) => {
          const first = h.https.hops[0];
          const https = first?.error
            ? `${first.error.kind}: ${first.error.code ?? ''}`
            : `${first?.status} ${first?.tls?.protocol ?? ''}`;
          const chain = h.http.hops
            .map((x) => (x.error ? `${x.url} (${x.error.kind})` : `${x.url} ${x.status}`))
            .join(' -> ');
          return [h.host, https, first?.connectedTo ?? '', `${chain} [${h.http.outcome}]`];
        }),
      ),
    },
  ],
  pages: (p) => [
    {
      name: 'pages',
      markdown: table(
        ['page', 'status', 'final URL', 'ms', 'error or not read'],
        p.visits.map((v) => [
          `${originPrefix(v)}${v.url}`,
          String(v.status ?? '-'),
          v.finalUrl ?? '',
          String(v.elapsedMs),
          [v.error, ...v.unread.map((u) => `${u.target}: ${u.reason}`), ...v.notes].filter(Boolean).join('; '),
        ]),
      ),
    },
    { name: 'insecure content', markdown: insecureTable(p) },
    { name: 'cookies', markdown: cookieTable(p) },
    ...p.visits.flatMap((v) =>
      v.screenshot && existsSync(v.screenshot)
        ? [{ name: `screenshot ${where(v)}`, contentType: 'image/png', path: v.screenshot }]
        : [],
    ),
  ],
  tls: renderTls,
  apis: renderApis,
};

export function renderEvidence(kind: EvidenceKind, evidence: SiteEvidence[EvidenceKind]): Attachment[] {
  const render = RENDERERS[kind] as ((e: SiteEvidence[EvidenceKind]) => Attachment[]) | undefined;
  return render ? render(evidence) : [];
}

/** Views that belong to one check's test rather than to every test of an evidence kind. */
const CHECK_VIEWS: Record<string, (site: string, evidence: Partial<SiteEvidence>) => Attachment[]> = {
  'certificate-validity': (site, { tls }) =>
    tls
      ? [
          {
            name: 'certificate expiry',
            markdown: `Soonest first, counted from ${cell(tls.collectedAt)}.\n\n${expiryMarkdown(certificateExpiry(site, tls))}\n`,
          },
        ]
      : [],
};

export const renderForCheck = (checkId: string, site: string, evidence: Partial<SiteEvidence>): Attachment[] =>
  CHECK_VIEWS[checkId]?.(site, evidence) ?? [];
