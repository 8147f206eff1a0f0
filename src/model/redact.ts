// Secrets (every value substituted from ${VAR}) never reach an artifact: evidence is redacted
// when it leaves the collection process, and every attachment, message, name, log line and
// summary passes through here too. A secret is replaced in every form a page, a URL or a
// report could hold it in: as is, JSON-escaped, URL-encoded (both ways), HTML-escaped and
// base64 (at any byte alignment, as inside "user:password" of a Basic header).
export const REDACTED = '[redacted]';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The part of base64 that depends only on the secret's bytes, when it starts `offset` bytes into a buffer. */
function base64Core(secret: Buffer, offset: number, alphabet: 'base64' | 'base64url'): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), secret]).toString(alphabet);
  return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + secret.length)) / 6));
}

/** Every form of a secret worth looking for, longest first. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const uri = encodeURIComponent(secret);
  const forms = new Set<string>([
    secret,
    JSON.stringify(secret).slice(1, -1),
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    encodeURI(secret),
    secret.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!),
  ]);
  for (const offset of [0, 1, 2]) {
    for (const alphabet of ['base64', 'base64url'] as const) {
      const core = base64Core(bytes, offset, alphabet);
      // Very short cores would match unrelated text; a secret that short is matched as is.
      if (core.length >= 4) forms.add(core);
    }
  }
  return [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * Only for the harness's own tests, which must prove that their leak search finds what
 * redaction hides: with this variable set to 1 nothing is redacted.
 */
export const UNSAFE_NO_REDACTION = 'SITE_SECURITY_UNSAFE_NO_REDACTION';

/** A redactor for a fixed list of secrets (forms computed once). */
export function redactor(secrets: readonly string[]): (text: string) => string {
  if (process.env[UNSAFE_NO_REDACTION] === '1') return (text) => text;
  const forms = [...new Set(secrets.filter((s) => s.length > 0).flatMap(secretForms))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
}

/**
 * Whether `text` holds a secret in any of its forms. Never switched off: it decides what may be
 * sent over plain http, not what a report shows.
 */
export function holdsSecret(text: string, secrets: readonly string[]): boolean {
  return secrets.some((s) => s.length > 0 && secretForms(s).some((form) => text.includes(form)));
}

export function redact(text: string, secrets: readonly string[]): string {
  return redactor(secrets)(text);
}

/** Redacts every string (and key) of a JSON-like value, so the JSON stays valid whatever the secret holds. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const clean = redactor(secrets);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return clean(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [clean(k), walk(v)]));
    return node;
  };
  return walk(value) as T;
}
