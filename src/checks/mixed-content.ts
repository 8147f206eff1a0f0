// mixed-content: nothing an https page (or any of its frames) loads comes over http or ws.
// The browser's own reports (blocked, upgraded, warned, loaded) and the references found
// in the final DOM are merged per insecure URL, so one item is one finding, whatever the
// number of channels that saw it. Active content is worse than passive content.
import type {
  MixedContentReport,
  MixedResolution,
  PageVisit,
  ResourceKind,
  ResourceReference,
} from '../model/evidence.ts';
import { visitsToJudge } from './visits-to-judge.ts';
import { bypassed, firstSighting, originPrefix, pageUrl, where } from './where.ts';
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import type { Severity } from '../model/findings.ts';

/** Content that cannot change the page's script or layout (optionally-blockable in the Mixed Content spec). */
const PASSIVE: ReadonlySet<ResourceKind> = new Set(['image', 'audio', 'video', 'favicon']);

/** When channels disagree, the worst thing the browser did wins. */
const RESOLUTION_ORDER: MixedResolution[] = ['loaded', 'blocked', 'upgraded', 'warned'];

const WHAT_THE_BROWSER_DID: Record<MixedResolution | 'not-requested', string> = {
  loaded: 'loaded over plain http',
  blocked: 'blocked by the browser (the page is missing it)',
  upgraded: 'upgraded to https by the browser (browsers without auto-upgrade load it over http)',
  warned: 'allowed by the browser with a warning',
  'not-requested':
    'not requested during the visit (found in the page, e.g. a srcset candidate, lazy or unused content)',
};

export interface InsecureItem {
  url: string;
  frameUrl: string;
  kind: ResourceKind;
  via?: string;
  resolution: MixedResolution | 'not-requested';
}

/** One item per insecure URL of a visit, from every channel that saw it. */
export function insecureItems(visit: Pick<PageVisit, 'mixedContent' | 'insecureReferences'>): InsecureItem[] {
  const byUrl = new Map<string, { reports: MixedContentReport[]; refs: ResourceReference[] }>();
  const entry = (url: string) => byUrl.get(url) ?? byUrl.set(url, { reports: [], refs: [] }).get(url)!;
  for (const r of visit.mixedContent) entry(r.url).reports.push(r);
  for (const r of visit.insecureReferences) entry(r.url).refs.push(r);

  return [...byUrl].map(([url, { reports, refs }]) => {
    // The DOM and the request name the element and frame exactly; Audits and console may name the top page.
    const precise = [
      ...refs,
      ...reports.filter((r) => r.source === 'request-failed' || r.source === 'request'),
      ...reports,
    ];
    const resolution = RESOLUTION_ORDER.find((res) => reports.some((r) => r.resolution === res)) ?? 'not-requested';
    return {
      url,
      frameUrl: precise[0]!.frameUrl,
      kind: precise.find((x) => x.kind !== 'other')?.kind ?? 'other',
      ...(refs[0] ? { via: refs[0].via } : {}),
      resolution,
    };
  });
}

export const severityOf = (kind: ResourceKind): Severity => (PASSIVE.has(kind) ? 'medium' : 'high');

const CODES = {
  active: 'a script, stylesheet, frame, fetch, WebSocket, font, form target... over http/ws',
  passive: 'an image, audio, video or favicon over http',
};

export const mixedContent: Check<'pages'> = {
  id: 'mixed-content',
  title: 'https pages load nothing over http',
  remediation:
    'Serve every resource, frame, fetch/XHR/WebSocket endpoint and form target over https (wss:// for WebSockets) and reference it with an https:// or relative URL. A Content-Security-Policy of upgrade-insecure-requests is a safety net, not a fix.',
  codes: CODES,
  needs: ['pages'],
  run(_site, { pages }) {
    const out = new Outcome<keyof typeof CODES>();
    const firstSeen = firstSighting();
    for (const visit of visitsToJudge(pages, out)) {
      out.judged(where(visit));
      // A flow step or a test can go through several documents before the page is read: content
      // of an earlier one is named by that document, not as a frame of the last.
      const documents = new Set([pageUrl(visit), ...visit.navigations.filter((n) => n.mainFrame).map((n) => n.url)]);
      for (const item of insecureItems(visit)) {
        if (!firstSeen(visit, item.url)) continue;
        const seen = documents.has(item.frameUrl)
          ? `on ${originPrefix(visit)}${item.frameUrl}`
          : `on ${where(visit)} in frame ${item.frameUrl}`;
        const what = `${item.kind}${item.via ? ` (${item.via})` : ''}`;
        out.add(
          PASSIVE.has(item.kind) ? 'passive' : 'active',
          severityOf(item.kind),
          item.url,
          `${what} over ${item.url.split(':')[0]} ${seen}: ${WHAT_THE_BROWSER_DID[item.resolution]}${bypassed(visit)}`,
        );
      }
    }
    return out.done();
  },
};
