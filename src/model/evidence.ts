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
  /** The suite's standard (IANA) name, e.g. "TLS_AES_128_GCM_SHA256". */
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
  /**
   * final: a non-redirect answer; loop: a URL came back; too-long: gave up following; error: a hop
   * failed; unsafe-scheme: the last hop redirects to a URL that is not http(s) (javascript:, data:,
   * file:...), which browsers never follow; bad-location: its Location is not a URL at all.
   */
  outcome: 'final' | 'loop' | 'too-long' | 'error' | 'unsafe-scheme' | 'bad-location';
}

/**
 * A TLS handshake offering exactly what a current browser offers (Chromium's ClientHello:
 * versions, suites, key-exchange groups), made when Node's default client completed one.
 */
export type BrowserHandshake =
  | { ok: true; protocol: string | null; cipher: string }
  | {
      ok: false;
      error: ProbeError;
      /**
       * `suites`: the server accepts none of the browsers' suites; `groups`: it accepts them only
       * with key-exchange groups browsers do not offer; `other`: neither explains it.
       */
      cause: 'suites' | 'groups' | 'other';
      /** Suites the server accepts (standard names), found one at a time by elimination, TLS 1.2 and below. */
      serverSuites: string[];
    };

export interface HostTransport {
  host: string;
  /** GET https://host/ (the site URL for the main host), following redirects. */
  https: RedirectChain;
  /** GET http://host/... on port 80, following redirects. */
  http: RedirectChain;
  /** Absent when Node's own handshake failed (https-port-443 reports that) or was not made. */
  browserHandshake?: BrowserHandshake;
  /** A host discovery found (not listed in sites.json): where its name came from, in words. */
  origin?: string;
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
  /** In answer to the submission of a login form in a flow (the POST and the redirects after it). */
  login?: true;
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

/** Where a visit happened: a listed page, a step or a `visit` page of a flow, or a test of a team's own suite. */
export type VisitOrigin =
  | { kind: 'page'; path: string }
  | { kind: 'flow-step'; flow: string; step: number; action: string }
  | { kind: 'flow-visit'; flow: string; path: string }
  | { kind: 'test'; title: string }
  /** A page the discovery crawl visited: where its URL was found ("linked from https://..."), and how deep. */
  | { kind: 'crawl'; from: string; depth: number };

/**
 * Why a page could not be read. The page itself: `not-loaded` (its navigation failed),
 * `error-page` (it ended on the browser's error page), `crashed` (its renderer crashed),
 * `browser-failed` (the browser or context could not even open it). What was read of it:
 * `frames` (frames whose HTML could not be read, or too many frames), `cookies` (the jar could
 * not be read), `responses` (some responses' headers could not be read).
 */
export type UnreadKind =
  | 'not-loaded'
  | 'error-page'
  | 'crashed'
  | 'browser-failed'
  | 'frames'
  | 'busy'
  | 'cookies'
  | 'responses';

/** Something the page checks needed but could not read: the page itself or one of its frames. */
export interface Unread {
  target: string;
  kind: UnreadKind;
  /** The browser's network error, e.g. "ERR_NAME_NOT_RESOLVED", when it gave one. */
  netError?: string;
  /** In words, for the report. */
  reason: string;
}

export interface PageVisit {
  origin: VisitOrigin;
  /** The URL asked for, or the page's URL when a flow step began. */
  url: string;
  finalUrl?: string;
  status?: number;
  /** Why the navigation or the flow step failed. */
  error?: string;
  /**
   * What could not be read: a page that did not finish loading, ended on a browser error page,
   * crashed or was too large, and frames whose HTML could not be read. Never passed: the checks
   * that need it report it as "could not measure", beside anything found in what was read.
   */
  unread: Unread[];
  responses: ObservedResponse[];
  navigations: NavigationRequest[];
  links: PageLink[];
  /** Limits that applied (a page too large to parse, an unreadable DOM...). */
  notes: string[];
  /** What the browser itself reported as insecure content. */
  mixedContent: MixedContentReport[];
  /** http:// URLs the final DOM of each https frame references, requested or not. */
  insecureReferences: ResourceReference[];
  /**
   * Documents (the page, its frames) whose Content-Security-Policy, by header or <meta>, holds
   * upgrade-insecure-requests: the browser fetches their http:// references over https.
   */
  upgradingDocuments?: string[];
  forms: FormSnapshot[];
  /** Cookies that appeared or changed in the jar during this visit. */
  cookies: JarCookie[];
  /** PNG of the viewport after the page settled. */
  screenshot?: string;
  /**
   * The browser refused the page's certificate with this error (e.g. "ERR_CERT_DATE_INVALID"), and
   * this visit was made again in a context of its own that accepts it: what the page shows past
   * the error. Its Strict-Transport-Security is ignored by browsers (RFC 6797 section 8.1).
   */
  certificateBypassed?: string;
  elapsedMs: number;
}

/** How a flow of the site went. */
export interface FlowRun {
  name: string;
  /** completed: every step and visit ran; stopped: a step failed or a secret was refused; not-run: the flow it starts after did not complete. */
  status: 'completed' | 'stopped' | 'not-run';
  /** Where it stopped, e.g. "step 3 click #missing". */
  stoppedAt?: string;
  reason?: string;
  /** What the flow did not reach: "step 4 goto /cart", "visit /orders"... */
  notReached: string[];
  /** A secret the flow refused to type, and where it would have gone. */
  refusedSecret?: RefusedSecret;
  elapsedMs: number;
}

export interface RefusedSecret {
  /** "step 2 fill #password" */
  step: string;
  /** What the field is: "password", "card number" or "secret value". */
  field: string;
  /** The page it would have been typed into. */
  pageUrl: string;
  /** Why it was refused: an http page, a host not allowed, a form submitting to http. */
  why: string;
}

/** Whether the browser upgrades http:// for a host by itself before any request leaves: its HSTS preload list. */
export interface HostPreload {
  host: string;
  preloaded: boolean;
}

export interface PagesEvidence {
  browserVersion: string;
  visits: PageVisit[];
  flows: FlowRun[];
  /** The site's hosts the browser answered for (a host missing here is taken as not preloaded); absent in a team's own tests. */
  hstsPreload?: HostPreload[];
}

/** A part of a certificate that could not be parsed. */
export interface CertificateParseError {
  /** The extension ("subjectAltName", "authorityInfoAccess"...), or "certificate" for the whole structure. */
  part: string;
  /** The extension's OID. */
  oid?: string;
  message: string;
}

/** One certificate, reduced to the facts the certificate checks judge. Dates are ISO strings. */
export interface CertificateFacts {
  subject: string;
  /** DNS names and IP addresses of the subjectAltName extension; null when the certificate has none, [] when it cannot be parsed. */
  subjectAltNames: string[] | null;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Node's key type: "rsa", "ec", "ed25519", "dsa"... */
  keyType: string;
  /** RSA/DSA modulus length or EC curve size; absent for fixed-size keys (Ed25519). */
  keyBits?: number;
  signatureAlgorithm: string;
  /** Hash of the issuer's signature ("SHA-256", "SHA-1", "MD5"...), when the algorithm names one. */
  signatureHash?: string;
  sha256Fingerprint: string;
  selfSigned: boolean;
  /** One of the trusted roots (system roots plus the configured ca). */
  inTrustStore: boolean;
  /** Where the issuer's certificate is published (Authority Information Access caIssuers); absent when nowhere. */
  caIssuers?: string[];
  /** The issuer's own issuer, when the Authority Key Identifier names it. */
  issuerIssuer?: string;
  /** What could not be parsed; absent when everything the browsers read could be. */
  parseErrors?: CertificateParseError[];
}

/** The handshake a default client makes (TLS 1.2+), with what it says about the certificate. */
export interface DefaultHandshake extends TlsSession {
  /**
   * Subject of the trusted root the chain leads to by issuer and signature alone (dates and key
   * sizes aside); absent when it leads to none. OpenSSL reports only one error, and a date or
   * weak-hash error would hide whether the chain is trusted at all.
   */
  trustAnchor?: string;
  /** The leaf covers the host name by its subjectAltName, as browsers match it (never the CN). */
  coversHost: boolean;
}

/** What one dedicated handshake (one protocol version, or one family of suites) showed. */
export type SuiteProbe = { name: string } & (
  | { result: 'accepted'; protocol: string; cipher: string }
  /** The server refused the handshake. */
  | { result: 'refused'; error: ProbeError }
  /** No answer either way (connection failed, timed out). */
  | { result: 'failed'; error: ProbeError }
  /** The local TLS library cannot offer it, so it was not tried. */
  | { result: 'not-probed'; reason: string }
);

export interface HostTls {
  host: string;
  connectedTo: string;
  handshake?: DefaultHandshake;
  /** Why the default handshake failed. */
  error?: ProbeError;
  /** The chain as the default handshake received it, leaf first; Node appends the trusted root it found. */
  chain: CertificateFacts[];
  protocols: SuiteProbe[];
  ciphers: SuiteProbe[];
  /** A host discovery found (not listed in sites.json): where its name came from, in words. */
  origin?: string;
}

export interface TlsEvidence {
  /** When the handshakes were made: the reference time for validity. */
  collectedAt: string;
  /** The TLS library that made the probes, e.g. "OpenSSL 3.0.19". */
  library: string;
  hosts: HostTls[];
}

/** What an API's answer body held, read bounded: facts only, never the body itself. */
export interface ApiBody {
  /** Bytes read (at most the bound, see src/probes/apis.ts). */
  bytes: number;
  /** Why the body was not read to its end (over the bound, did not end in time, connection lost). */
  incomplete?: string;
  /** 'json': parsed as JSON; 'not-json': another content type; 'invalid-json': said or looked like JSON, did not parse. */
  format: 'json' | 'not-json' | 'invalid-json';
  /** http:// and ws:// URLs among the JSON's string values, with their JSON path ("$.links.next"), the first ones. */
  insecureUrls: { path: string; url: string }[];
  /** How many more were found than listed. */
  moreInsecureUrls: number;
}

/** One request of an API check, made from Node (redirects not followed). */
export interface ApiExchange extends HttpExchange {
  method: string;
  /** The API's headers (and a body with a secret) went with it: https, one of the API's hosts, a certificate Node trusts. */
  credentials: boolean;
  /** Why the request was not sent at all, e.g. credentials that would have gone over a connection with an untrusted certificate. */
  withheld?: string;
  /** Absent for HEAD, for an answer without a body, and when no answer came. */
  body?: ApiBody;
}

/** One endpoint or operation asked over https with the API's credentials, and its http:// twin asked without them. */
export interface ApiCall {
  /** Where it comes from: "endpoints[1]" or "openapi GET /items/{id}". */
  source: string;
  method: string;
  /** The https:// URL asked. */
  url: string;
  https: ApiExchange;
  /** The same method and path over http:// on port 80, without the API's headers. */
  twin?: ApiExchange;
  /** Why the twin was not asked (its URL would carry a secret). */
  twinSkipped?: string;
}

export interface ApiRecord {
  name: string;
  /**
   * The OpenAPI document: its server URLs (variables replaced by their defaults, `where` e.g.
   * "servers[1]"), how many operations it has and which were left out, or why it could not be read.
   */
  openapi?: {
    file: string;
    servers: { url: string; where: string }[];
    operations: number;
    notCalled: string[];
    error?: string;
  };
  calls: ApiCall[];
  /** Limits that applied (operations over the bound, twins not asked...). */
  notes: string[];
}

export interface ApisEvidence {
  apis: ApiRecord[];
}

/** One place discovery read names from, and how that went: a failed source is never "0 hosts". */
export interface DiscoverySource {
  kind: 'certificates' | 'pages' | 'robots' | 'sitemap' | 'ct';
  /** What was read: a URL, or what the source covers ("listed, flow and crawled pages"). */
  target: string;
  /** none: the site publishes nothing there (robots.txt or sitemap.xml answered 404). */
  status: 'ok' | 'none' | 'failed';
  /** Why it failed, or what it left out. */
  detail?: string;
  /** In-scope host names it gave (listed ones included). */
  hosts: number;
  /** Page URLs it gave. */
  pages: number;
}

/** A host name under the site's registrable domain that sites.json does not list. */
export interface DiscoveredHost {
  host: string;
  /** Where the name was first seen, in words: "SAN of the certificate of www.shop.example.com". */
  origin: string;
  /**
   * probed: in the transport and TLS evidence, judged by the host checks; no-answer: neither
   * 443 nor 80 answered (a mail or internal name, an info note); over-limit: past maxHosts;
   * not-probed: host discovery is off (`hosts: false`).
   */
  status: 'probed' | 'no-answer' | 'over-limit' | 'not-probed';
  /** Why it did not answer. */
  reason?: string;
}

/** A page URL of the main host that sites.json does not list. */
export interface DiscoveredPage {
  url: string;
  origin: string;
  /** visited: crawled and judged by the page checks; not-visited: a bound or an exclusion kept the crawl away. */
  status: 'visited' | 'not-visited';
  why?: string;
}

export interface DiscoveryEvidence {
  /** False when discovery is off for the site: nothing else is set. */
  enabled: boolean;
  /** The registrable domain (Public Suffix List) that bounds the scope. */
  domain?: string;
  sources: DiscoverySource[];
  hosts: DiscoveredHost[];
  pages: DiscoveredPage[];
  /** Wildcard names of certificates: coverage, not hosts to probe. */
  wildcards: { name: string; origin: string }[];
  /** Hosts of other registrable domains: listed, never probed, never a finding. */
  thirdParties: { host: string; origin: string }[];
  /** What a bound cut off, in words: "stopped at maxPages 30: 112 more links not visited". */
  bounds: string[];
}

/** Every kind of evidence, by name. A check declares which kinds it needs. */
export interface SiteEvidence {
  transport: TransportEvidence;
  pages: PagesEvidence;
  tls: TlsEvidence;
  apis: ApisEvidence;
  discovery: DiscoveryEvidence;
}

export type EvidenceKind = keyof SiteEvidence;
