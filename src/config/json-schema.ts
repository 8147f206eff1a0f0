// sites.schema.json, derived from the zod schema so editors, validation and types agree.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { sitesFileSchema } from './schema.ts';

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sites.schema.json');

export function sitesJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(sitesFileSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Site security harness: sites file',
  };
}
