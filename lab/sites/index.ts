// Every local test site, in the order sites.json lists them.
import type { LabSite } from '../types.ts';
import { good } from './good.ts';
import { unreachable, serverError } from './transport.ts';
import { redirects, downgrade, hsts } from './redirects.ts';
import { certificates } from './certificates.ts';
import { tlsSettings } from './tls-settings.ts';
import { hostile } from './hostile.ts';

export const LAB_SITES: LabSite[] = [good, unreachable, serverError, redirects, downgrade, hsts, certificates, tlsSettings, hostile];
