// `apis`, per site and at the top level: APIs asked from Node the way a client that is not a
// browser asks them, with their listed endpoints and their OpenAPI document. Rules that need
// more than one API or the file system (names, documents) are in api-rules.ts.
import { z } from 'zod';
import { evenWithInvalidFields, hostnameProblem, name, rule } from './fields.ts';

export const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** Methods a request may be sent with and without a body alike; any other is sent only with the body listed. */
const WITHOUT_BODY: readonly string[] = ['GET', 'HEAD'];

/** The harness frames each request itself: these headers are its own, and a listed one would break the framing. */
const OWN_HEADERS = ['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te'];
/** RFC 9110 token: the characters of a field name. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What Node refuses in a field value (and HTTP forbids): control characters other than tab, and characters over U+00FF. */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

const headerName = z
  .string()
  .regex(TOKEN, { message: 'expected a header name (letters, digits and !#$%&\'*+.^_`|~-), such as "Authorization"' })
  .superRefine(
    rule((n) =>
      OWN_HEADERS.includes(n.toLowerCase()) ? `"${n}" is set by the harness itself for each request` : undefined,
    ),
  );

const headerValue = z
  .string()
  .superRefine(
    rule((v) =>
      INVALID_VALUE.test(v)
        ? 'a header value may hold only printable characters (U+0020 to U+00FF) and tabs: no line breaks'
        : undefined,
    ),
  );

const headers = z.record(headerName, headerValue).superRefine(
  rule((h) => {
    const seen = new Map<string, string>();
    for (const key of Object.keys(h)) {
      const first = seen.get(key.toLowerCase());
      if (first !== undefined) return `"${key}" and "${first}" are the same header (names ignore case)`;
      seen.set(key.toLowerCase(), key);
    }
    return undefined;
  }),
);

/** Why `text` is not a URL an API can be listed with, or undefined. http:// and ports are allowed: the check reports them. */
export function apiUrlProblem(text: string): string | undefined {
  if (!URL.canParse(text)) return 'expected an absolute URL such as "https://api.example.com/v1/status"';
  if (!/^https?:\/\//i.test(text)) return 'expected an https:// (or http://) URL';
  const url = new URL(text);
  if (url.username !== '' || url.password !== '')
    return 'a URL may not carry a user name or password ("user:password@"): send credentials in "headers"';
  return hostnameProblem(url.hostname);
}

const apiUrl = z
  .string()
  .superRefine(rule(apiUrlProblem))
  .meta({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });

const endpointSchema = z
  .strictObject({
    url: apiUrl.describe(
      'The endpoint: an absolute https:// URL (an http:// URL is reported, and asked over https:// instead). A port other than 443 is reported too.',
    ),
    method: z
      .enum(API_METHODS, { error: `expected one of: ${API_METHODS.join(', ')}` })
      .default('GET')
      .describe('The request method (default GET). Any method but GET and HEAD is sent only with a "body".'),
    body: z
      .string()
      .optional()
      .describe('The request body, exactly as sent ("" for an empty one); Content-Type defaults to application/json.'),
    headers: headers.optional().describe("Headers of this endpoint's request, over the API's headers."),
  })
  .superRefine((e, ctx) => {
    const method = e.method ?? 'GET';
    if (WITHOUT_BODY.includes(method) && e.body !== undefined)
      ctx.addIssue({ code: 'custom', path: ['body'], message: `a ${method} request carries no body`, input: e });
    if (!WITHOUT_BODY.includes(method) && e.body === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['body'],
        message: `a ${method} request is sent only with the body you list: add "body" ("" for an empty one)`,
        input: e,
      });
  })
  .describe('One request of the API, sent over https with its headers.');

export const apiSchema = z
  .strictObject({
    name: name.describe('Unique name (at most 64 characters): a top-level API is reported under it, as a site is.'),
    openapi: z
      .string()
      .regex(/\.(json|yaml|yml)$/, { message: 'an OpenAPI document must end in .json, .yaml or .yml' })
      .optional()
      .describe(
        'An OpenAPI 3.x document (JSON or YAML, relative to this file): its servers are judged and its operations that need no parameter (or document an example for each) are asked, GET and HEAD only.',
      ),
    endpoints: z
      .array(endpointSchema)
      .default([])
      .describe('Requests to make, in order, besides the operations of the OpenAPI document.'),
    headers: headers
      .default({})
      .describe(
        'Headers sent with every request of the API, e.g. { "Authorization": "Bearer ${TOKEN}" }: over https to its own hosts only, never to its http:// twin.',
      ),
  })
  .refine((a) => a.openapi !== undefined || (a.endpoints?.length ?? 0) > 0, {
    message: 'give "openapi", "endpoints" or both: the API has nothing to ask',
    ...evenWithInvalidFields,
  })
  .describe('An API asked as a client that is not a browser asks it (see README, APIs).');

export type ApiConfig = z.output<typeof apiSchema>;
export type ApiInput = z.input<typeof apiSchema>;
