// Evidence: plain, serialisable facts gathered once per site and judged by the checks.
// Collectors never throw; a failure to connect or load is itself recorded here.

/** Why a connection could not be made or used. */
export type FailureKind = 'dns' | 'refused' | 'timeout' | 'unreachable' | 'tls' | 'http' | 'other';

export interface ProbeError {
  kind: FailureKind;
  /** Where it happened: resolving/connecting, the TLS handshake, or the HTTP exchange. */
  phase: 'connect' | 'tls' | 'http';
  code?: string;
  message: string;
}

export interface TlsSession {
  protocol: string | null;
  cipher: string;
  /** Chain verified against the trust store (system roots + configured ca). Judged by the certificate checks. */
  authorized: boolean;
  authorizationError?: string;
}

/** One request made from Node, redirects not followed. */
export interface HttpExchange {
  url: string;
  /** "address:port" the socket was sent to (after connectTo). */
  connectedTo: string;
  tls?: TlsSession;
  status?: number;
  /** Raw response headers as [name, value] pairs, names lower-cased, repeats kept. */
  headers: [string, string][];
  /** The Location header resolved against the request URL. */
  location?: string;
  error?: ProbeError;
  elapsedMs: number;
}

/** A redirect chain walked from Node, one request per hop. */
export interface RedirectChain {
  startUrl: string;
  hops: HttpExchange[];
  /** final: a non-redirect answer; loop: a URL came back; too-long: gave up following; error: a hop failed. */
  outcome: 'final' | 'loop' | 'too-long' | 'error';
}

export interface HostTransport {
  host: string;
  /** GET https://host/ (the site URL for the main host), following redirects. */
  https: RedirectChain;
  /** GET http://host/... on port 80, following redirects. */
  http: RedirectChain;
}

export interface TransportEvidence {
  hosts: HostTransport[];
}

/** A response the browser received for any request of a visited page (redirects included). */
export interface ObservedResponse {
  url: string;
  status: number;
  resourceType: string;
  /** A document load of the main frame or an iframe. */
  isNavigation: boolean;
  mainFrame: boolean;
  headers: [string, string][];
  location?: string;
}

/** A navigation the page started (link, script, redirect), in order. */
export interface NavigationRequest {
  url: string;
  mainFrame: boolean;
  /** The URL the frame was showing when it started. */
  from?: string;
  /** Started by a redirect response rather than by the page. */
  redirected: boolean;
}

export interface PageLink {
  href: string;
  /** The page the link was found on. */
  pageUrl: string;
}

/** What a page loads, in one vocabulary for every channel that reports it. */
export type ResourceKind =
  | 'script'
  | 'stylesheet'
  | 'image'
  | 'audio'
  | 'video'
  | 'track'
  | 'favicon'
  | 'font'
  | 'frame'
  | 'fetch'
  | 'websocket'
  | 'form'
  | 'object'
  | 'worker'
  | 'manifest'
  | 'other';

/** What the browser did with an insecure request: the mixed-content resolution, or `loaded` over http. */
export type MixedResolution = 'blocked' | 'upgraded' | 'warned' | 'loaded';

/** One report of insecure content from the browser itself (Audits issue, failed request, console, request). */
export interface MixedContentReport {
  url: string;
  /** The https document that asked for it (a frame's URL for content inside an iframe). */
  frameUrl: string;
  kind: ResourceKind;
  resolution: MixedResolution;
  source: 'audits' | 'request-failed' | 'console' | 'request';
}

/** A URL the HTML of a frame (after scripts ran) would load: element, attribute or CSS url(). */
export interface ResourceReference {
  url: string;
  frameUrl: string;
  kind: ResourceKind;
  /** Where it was found, e.g. "img[srcset]", "style url()". */
  via: string;
}

export interface FormField {
  tag: string;
  type: string;
  name: string;
  id: string;
  autocomplete: string;
}

/** A form as the final DOM of a frame shows it; `action` undefined for fields outside any form. */
export interface FormSnapshot {
  frameUrl: string;
  /** The resolved URL the form submits to (the document URL when the form has no action). */
  action?: string;
  /** Resolved formaction of each submit button that has one. */
  formActions: string[];
  method: string;
  /** id, name, class and raw action, for recognising login forms. */
  label: string;
  fields: FormField[];
}

/** A cookie in the browser jar (values are never recorded). */
export interface JarCookie {
  name: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** As the browser stored it: undefined when the cookie set no SameSite. */
  sameSite?: string;
  session: boolean;
}

export interface PageVisit {
  path: string;
  url: string;
  finalUrl?: string;
  status?: number;
  error?: string;
  responses: ObservedResponse[];
  navigations: NavigationRequest[];
  links: PageLink[];
  /** What the browser itself reported as insecure content. */
  mixedContent: MixedContentReport[];
  /** http:// URLs the final DOM of each https frame references, requested or not. */
  insecureReferences: ResourceReference[];
  forms: FormSnapshot[];
  /** Cookies that appeared or changed in the jar during this visit. */
  cookies: JarCookie[];
  /** PNG of the viewport after the page settled. */
  screenshot?: string;
  elapsedMs: number;
}

export interface PagesEvidence {
  browserVersion: string;
  visits: PageVisit[];
}

/** Every kind of evidence, by name. A check declares which kinds it needs. */
export interface SiteEvidence {
  transport: TransportEvidence;
  pages: PagesEvidence;
}

export type EvidenceKind = keyof SiteEvidence;
