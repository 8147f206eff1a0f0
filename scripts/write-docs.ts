// `npm run docs`: writes docs/finding-codes.md from the checks' declared finding codes.
import { writeFileSync } from 'node:fs';
import { findingCodesDoc } from '../src/report/codes-doc.ts';

writeFileSync('docs/finding-codes.md', findingCodesDoc());
console.log('wrote docs/finding-codes.md');
