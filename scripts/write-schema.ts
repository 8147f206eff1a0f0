// `npm run schema`: writes sites.schema.json from the zod definitions in src/config/schema.ts.
import { writeFileSync } from 'node:fs';
import { CHECKS } from '../src/checks/index.ts';
import { SCHEMA_FILE, sitesJsonSchema } from '../src/config/json-schema.ts';

writeFileSync(SCHEMA_FILE, `${JSON.stringify(sitesJsonSchema(CHECKS), null, 2)}\n`);
console.log(`wrote ${SCHEMA_FILE}`);
