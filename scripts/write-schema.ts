// `npm run schema`: writes sites.schema.json from the zod definitions in src/config/schema.ts.
import { writeFileSync } from 'node:fs';
import { SCHEMA_FILE, sitesJsonSchema } from '../src/config/json-schema.ts';

writeFileSync(SCHEMA_FILE, `${JSON.stringify(sitesJsonSchema(), null, 2)}\n`);
console.log(`wrote ${SCHEMA_FILE}`);
