// Every check, in report order. Adding a check: write src/checks/<id>.ts and list it here.
import type { Check } from '../model/check.ts';
import { httpsPort443 } from './https-port-443.ts';
import { httpRedirect } from './http-redirect.ts';
import { noDowngrade } from './no-downgrade.ts';
import { hsts } from './hsts.ts';
import { mixedContent } from './mixed-content.ts';
import { secureForms } from './secure-forms.ts';
import { cookieSecure } from './cookie-secure.ts';
import { cookieHttpOnly } from './cookie-httponly.ts';
import { cookieSameSite } from './cookie-samesite.ts';
import { certificateTrust } from './certificate-trust.ts';
import { certificateValidity } from './certificate-validity.ts';
import { certificateHostnames } from './certificate-hostnames.ts';
import { certificateStrength } from './certificate-strength.ts';
import { tlsProtocols } from './tls-protocols.ts';
import { tlsCiphers } from './tls-ciphers.ts';
import { apiTransport } from './api-transport.ts';
import { forApiGroups } from './api-groups.ts';
import { discovery } from './discovery.ts';
import { sayingWhereDiscovered } from './discovered.ts';

// Each says where a host it reports on came from, when discovery found it (discovered.ts), and
// judges a top-level API's group only if it applies to APIs (api-groups.ts).
export const CHECKS: readonly Check[] = (
  [
    httpsPort443,
    httpRedirect,
    noDowngrade,
    hsts,
    mixedContent,
    secureForms,
    cookieSecure,
    cookieHttpOnly,
    cookieSameSite,
    certificateTrust,
    certificateValidity,
    certificateHostnames,
    certificateStrength,
    tlsProtocols,
    tlsCiphers,
    discovery,
    apiTransport,
  ] as Check[]
)
  .map(sayingWhereDiscovered)
  .map(forApiGroups);
