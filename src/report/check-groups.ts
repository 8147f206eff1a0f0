// The families of checks, by what a finding is about: the categories of the Allure report.
// A unit test keeps every check in exactly one family.
export const CHECK_GROUPS: readonly { name: string; checks: readonly string[] }[] = [
  {
    name: 'Certificates',
    checks: ['certificate-trust', 'certificate-validity', 'certificate-hostnames', 'certificate-strength'],
  },
  { name: 'TLS protocols and ciphers', checks: ['tls-protocols', 'tls-ciphers'] },
  {
    name: 'Transport, redirects and HSTS',
    checks: ['https-port-443', 'http-redirect', 'no-downgrade', 'hsts', 'api-transport'],
  },
  { name: 'Page content', checks: ['mixed-content', 'secure-forms'] },
  { name: 'Cookies', checks: ['cookie-secure', 'cookie-httponly', 'cookie-samesite'] },
  { name: 'Discovery', checks: ['discovery'] },
];
