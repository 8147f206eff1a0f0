// Every local test site, in the order sites.json lists them.
import type { LabSite } from '../types.ts';
import { good } from './good.ts';
import { unreachable, serverError } from './transport.ts';
import { redirects, downgrade, hsts } from './redirects.ts';
import { certificates } from './certificates.ts';
import { keyReuseExpired, keyReuseWrongName } from './key-reuse.ts';
import { tlsSettings } from './tls-settings.ts';
import { mixedContent } from './mixed-content.ts';
import { forms } from './forms.ts';
import { cookies } from './cookies.ts';
import { hostile } from './hostile.ts';
import { hostilePages } from './hostile-pages.ts';
import { shop, flowFailures } from './shop.ts';
import { oversized } from './oversized.ts';
import { ports } from './ports.ts';
import { cipherMismatch } from './cipher-mismatch.ts';
import { apiClean, apiHttpTwin, apiLinks, apiOpenApi, apiPostRedirect } from './apis.ts';
import { discoveryForgotten, discoveryHealthy } from './discovery.ts';
import { lateContent, lateContentClean } from './late-content.ts';

export const LAB_SITES: LabSite[] = [
  good,
  unreachable,
  serverError,
  redirects,
  downgrade,
  hsts,
  mixedContent,
  lateContent,
  lateContentClean,
  forms,
  cookies,
  certificates,
  keyReuseExpired,
  keyReuseWrongName,
  tlsSettings,
  shop,
  flowFailures,
  hostile,
  oversized,
  hostilePages,
  ports,
  cipherMismatch,
  apiLinks,
  discoveryForgotten,
  discoveryHealthy,
  // Top-level APIs come last, as the scan reports them: after every site.
  apiHttpTwin,
  apiPostRedirect,
  apiOpenApi,
  apiClean,
];
