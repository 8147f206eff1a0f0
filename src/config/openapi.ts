// OpenAPI 3.x documents of `apis`: read (JSON or YAML, with `yaml`), validated and dereferenced
// with @readme/openapi-parser, then turned into what the API check asks: the document's server
// URLs (judged as listed) and its operations that can be called without guessing. Only GET and
// HEAD operations are asked, and only when every required parameter documents an example: a
// scanner must never invent input for, or write to, someone's API. $refs to other files or URLs
// are not followed (nothing is fetched). Validation runs once per run before any browser starts
// (apiDocumentProblems, from the global setup); the collection process reads each document again.
import { dereference, validate } from '@readme/openapi-parser';
import { parse as parseYaml } from 'yaml';
import { readInputFile } from './input-file.ts';
import { ConfigError } from './errors.ts';
import type { OpenApiPlan, ScanConfig } from '../model/site.ts';

export type OpenApiRead = { plan: OpenApiPlan } | { error: string };

const METHODS = ['get', 'head', 'put', 'post', 'delete', 'options', 'patch', 'trace'] as const;
const ASKED: readonly string[] = ['get', 'head'];
/** External $refs stay as they are: reading them would fetch URLs or read files the user did not list. */
/** The most reading one document may take (the parser's own bound on dereferencing). */
export const OPENAPI_READ_MS = 10_000;
const PARSER_OPTIONS = {
  resolve: { external: false },
  dereference: { circular: 'ignore' as const },
  timeoutMs: OPENAPI_READ_MS,
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The first line of each of the parser's messages (the rest is a code frame of its own JSON rendering). */
const firstLines = (messages: string[]): string =>
  messages
    .slice(0, 3)
    .map((m) => m.split('\n')[0]!.trim())
    .join('; ');

/** Reads, validates and dereferences a document; never throws. */
async function readDocument(file: string): Promise<{ doc: Json } | { error: string }> {
  const read = readInputFile(file);
  if ('reason' in read) return { error: `cannot read ${file}: ${read.reason}` };
  let raw: unknown;
  try {
    // YAML 1.2 reads JSON as well; aliases are bounded by the library (maxAliasCount).
    raw = parseYaml(read.text, { uniqueKeys: false });
  } catch (err) {
    return { error: `${file} is neither JSON nor YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  if (!isObject(raw)) return { error: `${file} is not an OpenAPI document (no object at its top)` };
  const version = raw.openapi;
  if (typeof version !== 'string' || !/^3\.\d+(\.\d+)?$/.test(version))
    return {
      error: `${file} is not an OpenAPI 3.x document (${raw.swagger !== undefined ? 'Swagger 2.0 is not read: convert it to OpenAPI 3' : `"openapi": ${JSON.stringify(version ?? null)}`})`,
    };
  try {
    const result = await validate(structuredClone(raw) as never, PARSER_OPTIONS);
    if (!result.valid)
      return {
        error: `${file} is not a valid OpenAPI document: ${firstLines(result.errors.map((e) => e.message))}${result.errors.length > 3 ? ` (and ${result.errors.length - 3} more)` : ''}`,
      };
    return { doc: (await dereference(raw as never, PARSER_OPTIONS)) as unknown as Json };
  } catch (err) {
    return { error: `${file} could not be read as OpenAPI: ${firstLines([String((err as Error).message ?? err)])}` };
  }
}

/** `{name}` in a server URL replaced by the variable's default (OpenAPI requires one). */
function serverUrl(server: unknown): string | undefined {
  if (!isObject(server) || typeof server.url !== 'string') return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  return server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = variables[name];
    return isObject(v) && typeof v.default === 'string' ? v.default : whole;
  });
}

const isAbsolute = (url: string): boolean => /^https?:\/\//i.test(url) && URL.canParse(url);

/** The value a parameter documents as its example, if any. */
function exampleOf(param: Json): unknown {
  if (param.example !== undefined) return param.example;
  if (isObject(param.examples)) {
    const first = Object.values(param.examples).find((e) => isObject(e) && e.value !== undefined);
    if (isObject(first)) return first.value;
  }
  const schema = isObject(param.schema) ? param.schema : {};
  if (schema.example !== undefined) return schema.example;
  return asArray(schema.examples)[0];
}

/** An example as the text a request carries, or undefined for one that is no text (an object). */
function exampleText(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(',');
  return undefined;
}

interface Filled {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  cookies: string[];
}

/** The operation's required parameters filled with their examples, or why it cannot be called. */
function fillParameters(pathName: string, params: Json[]): Filled | { missing: string } {
  const filled: Filled = { path: pathName, query: new URLSearchParams(), headers: {}, cookies: [] };
  for (const p of params) {
    const where = String(p.in);
    if (p.required !== true && where !== 'path') continue;
    const value = exampleText(exampleOf(p));
    if (value === undefined)
      return { missing: `parameter ${String(p.name)} (${where}) is required and has no example` };
    const name = String(p.name);
    if (where === 'path') filled.path = filled.path.split(`{${name}}`).join(encodeURIComponent(value));
    else if (where === 'query') filled.query.append(name, value);
    else if (where === 'header') filled.headers[name] = value;
    else if (where === 'cookie') filled.cookies.push(`${name}=${value}`);
  }
  if (/\{[^}]*\}/.test(filled.path)) return { missing: 'a path parameter is not described' };
  return filled;
}

/** Operation parameters override the path item's of the same name and location. */
function parametersOf(pathItem: Json, operation: Json): Json[] {
  const byKey = new Map<string, Json>();
  for (const p of [...asArray(pathItem.parameters), ...asArray(operation.parameters)])
    if (isObject(p)) byKey.set(`${String(p.in)}:${String(p.name)}`, p);
  return [...byKey.values()];
}

/** What to ask from a dereferenced document. */
export function planOf(doc: Json): OpenApiPlan {
  const servers: OpenApiPlan['servers'] = [];
  const listServers = (list: unknown, where: string): string[] =>
    asArray(list).flatMap((s, i) => {
      const url = serverUrl(s);
      if (url === undefined) return [];
      if (!servers.some((x) => x.url === url)) servers.push({ url, where: `${where}[${i}]` });
      return [url];
    });
  const top = listServers(doc.servers, 'servers');
  const plan: OpenApiPlan = { servers, operations: 0, calls: [], notCalled: [] };
  for (const [pathName, pathItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(pathItem)) continue;
    const pathServers = listServers(pathItem.servers, `paths["${pathName}"].servers`);
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      plan.operations++;
      const name = `${method.toUpperCase()} ${pathName}`;
      const opServers = listServers(operation.servers, `paths["${pathName}"].${method}.servers`);
      const candidates = [opServers, pathServers, top].find((list) => list.length > 0) ?? [];
      // The first https server; an http-only API is asked over https all the same (its http:// is a finding).
      const server = candidates.find((u) => /^https:/i.test(u) && isAbsolute(u)) ?? candidates.find(isAbsolute);
      if (!ASKED.includes(method)) {
        plan.notCalled.push(`${name}: only GET and HEAD operations are asked (list it in "endpoints" with its body)`);
        continue;
      }
      if (server === undefined) {
        plan.notCalled.push(
          `${name}: no absolute server URL (${candidates.length > 0 ? `"${candidates[0]}" is relative to where the document is served` : 'the document lists no servers'})`,
        );
        continue;
      }
      const filled = fillParameters(pathName, parametersOf(pathItem, operation));
      if ('missing' in filled) {
        plan.notCalled.push(`${name}: ${filled.missing}`);
        continue;
      }
      const joined = `${server.replace(/\/+$/, '')}${filled.path}`;
      if (!URL.canParse(joined)) {
        plan.notCalled.push(`${name}: ${joined} is not a URL`);
        continue;
      }
      const url = new URL(joined);
      url.protocol = 'https:';
      for (const [k, v] of filled.query) url.searchParams.append(k, v);
      const headers = {
        ...filled.headers,
        ...(filled.cookies.length > 0 ? { cookie: filled.cookies.join('; ') } : {}),
      };
      plan.calls.push({ source: `openapi ${name}`, method: method.toUpperCase(), url: url.href, headers });
    }
  }
  return plan;
}

const reads = new Map<string, Promise<OpenApiRead>>();

/** The plan of a document, read once per process (the TLS and API collectors both need its servers). */
export function readOpenApi(file: string): Promise<OpenApiRead> {
  let read = reads.get(file);
  if (!read) {
    read = readDocument(file).then((r) => ('error' in r ? r : { plan: planOf(r.doc) }));
    reads.set(file, read);
  }
  return read;
}

/** Every document of the file that cannot be used, as a problem naming its JSON path. */
export async function apiDocumentProblems(config: ScanConfig): Promise<string[]> {
  let groups = 0;
  const listed = config.sites.flatMap((site, i) =>
    site.group === 'api'
      ? [{ api: site.apis![0]!, where: `$.apis[${groups++}]` }]
      : (site.apis ?? []).map((api, j) => ({ api, where: `$.sites[${i}].apis[${j}]` })),
  );
  const problems = await Promise.all(
    listed.map(async ({ api, where }) => {
      if (api.openapi === undefined) return [];
      const read = await readOpenApi(api.openapi);
      return 'error' in read ? [`${where}.openapi: ${read.error}`] : [];
    }),
  );
  return problems.flat();
}

/** For exitOnConfigError: throws a ConfigError listing every document of the file that cannot be used. */
export async function apiDocumentsCheck(config: ScanConfig): Promise<() => void> {
  const problems = await apiDocumentProblems(config);
  return () => {
    if (problems.length > 0) throw new ConfigError(config.sitesFile, problems);
  };
}
