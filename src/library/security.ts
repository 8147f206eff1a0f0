// The value of the `security` fixture: the recording of the test's browser context, the
// resolved options, and `host(name)` for the certificate and TLS checks made from Node.
import type { BrowserContext, Page, TestInfo } from '@playwright/test';
import type { TlsEvidence } from '../model/evidence.ts';
import type { NetContext } from '../net/net-context.ts';
import { collectTls } from '../probes/tls.ts';
import { loadTrustStore } from '../config/trust-store.ts';
import { redactor } from '../model/redact.ts';
import { checkHostName, type ResolvedOptions } from './options.ts';
import type { Recording } from './recording.ts';
import { isPage, type SecurityHost, type SecuritySession } from './session.ts';
import { documentHosts, siteFor } from './site.ts';
import type { AnnotationType } from './verdict.ts';

export class Security implements SecuritySession {
  private net?: NetContext;
  /** One collection per host and test, however many matchers ask. */
  private readonly hosts = new Map<string, Promise<TlsEvidence>>();
  readonly redact: (text: string) => string;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly recording: Recording,
    private readonly testInfo: TestInfo,
  ) {
    this.redact = redactor(options.secrets);
  }

  get settings() {
    return this.options.settings;
  }

  /** A host whose certificate and TLS settings `toPassTlsChecks()` judges, reached through the options' connectTo and trusting their ca. */
  host(name: string): SecurityHost {
    return { host: checkHostName(name), session: this };
  }

  async pagesEvidence(subject: Page | BrowserContext) {
    const pages = await this.recording.evidence(isPage(subject) ? subject : undefined);
    return {
      site: siteFor(this.options, documentHosts(pages)),
      pages,
      subject: isPage(subject) ? this.recording.urlOf(subject) : 'every page of the browser context',
    };
  }

  async hostEvidence(host: string) {
    const site = { ...siteFor(this.options, [host]), hosts: [host] };
    if (!this.hosts.has(host)) this.hosts.set(host, collectTls(this.netContext(), site));
    return { site, tls: await this.hosts.get(host)! };
  }

  annotate(type: AnnotationType, description: string): void {
    const text = this.redact(description);
    const { annotations } = this.testInfo;
    if (!annotations.some((a) => a.type === type && a.description === text))
      annotations.push({ type, description: text });
  }

  /** Read when first needed: a ca file that cannot be read fails the matcher that needs it, not every test. */
  private netContext(): NetContext {
    this.net ??= {
      connectTo: this.options.connectTo,
      ca: loadTrustStore(this.options.caFile).ca,
      timeouts: this.options.timeouts,
    };
    return this.net;
  }
}
