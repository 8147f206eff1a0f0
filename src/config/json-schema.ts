// sites.schema.json, derived from the zod schema so editors, validation and types agree.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CheckCatalogue } from '../model/check.ts';
import { sitesFileSchema } from './schema.ts';

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sites.schema.json');

export function sitesJsonSchema(catalogue: CheckCatalogue): Record<string, unknown> {
  return {
    ...z.toJSONSchema(sitesFileSchema(catalogue), { io: 'input', unrepresentable: 'any' }),
    title: 'Site security harness: sites file',
  };
}
