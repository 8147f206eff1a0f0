// `npm run gate [summary.json]` (or `tsx scripts/gate.ts`): the CI gate over a scan's summary.
// Exit 0 clean, 1 findings at or above the threshold, 2 no usable summary, 3 could not measure
// (see src/report/gate.ts and the README).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gate, GATE_CODES } from '../src/report/gate.ts';

const file = path.resolve(process.argv[2] || process.env.SUMMARY_FILE || 'reports/summary.json');
let summary: unknown;
try {
  summary = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`gate: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(GATE_CODES.noSummary);
}
const { code, message } = gate(summary);
(code === GATE_CODES.clean ? console.log : console.error)(
  `gate: ${message} (${path.relative(process.cwd(), file)}) -> exit ${code}`,
);
process.exit(code);
