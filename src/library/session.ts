// What the matchers judge and where their annotations go. The `security` fixture provides it
// for its test's browser context; unit tests bind hand-made evidence the same way.
import type { BrowserContext, Page } from '@playwright/test';
import type { Site } from '../model/site.ts';
import type { PagesEvidence, TlsEvidence } from '../model/evidence.ts';
import type { JudgeSettings } from './options.ts';
import type { AnnotationType } from './verdict.ts';

export interface SecuritySession {
  readonly settings: JudgeSettings;
  /** What the page (or every page of the context) loaded, set and navigated to, the site whose rules judge it, and how to name the subject. */
  pagesEvidence(subject: Page | BrowserContext): Promise<{ site: Site; pages: PagesEvidence; subject: string }>;
  /** The certificate and TLS handshakes of one host, made from Node, and the site whose rules judge them. */
  hostEvidence(host: string): Promise<{ site: Site; tls: TlsEvidence }>;
  annotate(type: AnnotationType, description: string): void;
  /** Removes the values the sites file substituted from the environment. */
  redact(text: string): string;
}

/** `security.host(name)`: what `expect(...).toPassTlsChecks()` judges. */
export interface SecurityHost {
  readonly host: string;
  readonly session: SecuritySession;
}

const sessions = new WeakMap<BrowserContext, SecuritySession>();

export const isPage = (subject: Page | BrowserContext): subject is Page =>
  typeof (subject as Page).mainFrame === 'function';

export function bindSession(context: BrowserContext, session: SecuritySession): void {
  sessions.set(context, session);
}

export function unbindSession(context: BrowserContext): void {
  sessions.delete(context);
}

export function sessionOf(subject: Page | BrowserContext): SecuritySession {
  const session = sessions.get(isPage(subject) ? subject.context() : subject);
  if (!session) {
    throw new Error(
      'No security recording for this page: securityOptions.autoRecord is false, so add the `security` fixture to the test (async ({ page, security }) => ...), so that it records the page from its first navigation (or the page belongs to a context the test made itself with browser.newContext(), which is not recorded).',
    );
  }
  return session;
}
