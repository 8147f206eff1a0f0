// Rules across APIs, which JSON Schema cannot express: unique names (a top-level API is reported
// under its name beside the sites, so it may not share one with a site), and OpenAPI documents
// that exist as regular files. Reading and validating a document's content is asynchronous and
// happens once per run before any browser starts (see openapi.ts). They read the raw value, so
// they run even where other fields are invalid.
import path from 'node:path';
import { MAX_INPUT_FILE_BYTES, unreadableReason } from './input-file.ts';
import { under, type FieldProblem } from './errors.ts';
import { duplicateNameProblems } from './unique-names.ts';

interface RawApi {
  name?: unknown;
  openapi?: unknown;
}

/** Problems of a list of APIs (`apis` of a site or of the file), with paths relative to it. */
export function apiListProblems(apis: unknown, baseDir: string): FieldProblem[] {
  if (!Array.isArray(apis)) return [];
  return [
    ...duplicateNameProblems(apis, 'API'),
    ...apis.flatMap((api: RawApi, i) => under([i], documentProblems(api, baseDir))),
  ];
}

/** A top-level API's name against the sites' names: both become the titles of test groups. */
export function apiSiteNameProblems(apis: unknown, sites: { name?: unknown }[]): FieldProblem[] {
  if (!Array.isArray(apis)) return [];
  const siteNames = new Set(sites.map((s) => (typeof s?.name === 'string' ? s.name.toLowerCase() : undefined)));
  return apis.flatMap((api: RawApi, i) =>
    typeof api?.name === 'string' && siteNames.has(api.name.toLowerCase())
      ? [
          {
            path: [i, 'name'],
            message: `"${api.name}" is also a site's name: a top-level API is reported as a group of its own, under its name`,
          },
        ]
      : [],
  );
}

function documentProblems(api: RawApi, baseDir: string): FieldProblem[] {
  if (typeof api?.openapi !== 'string' || api.openapi === '') return [];
  const file = path.resolve(baseDir, api.openapi);
  const reason = unreadableReason(file, MAX_INPUT_FILE_BYTES);
  return reason === undefined
    ? []
    : [{ path: ['openapi'], message: `cannot use the OpenAPI document ${file}: ${reason}` }];
}
