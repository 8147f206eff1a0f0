// The same verdicts under CPU load: the whole lab scanned while two CPU-bound processes keep
// both cores busy must reach exactly the verdicts of an idle run. Opening every handshake at
// once used to let them outlast connectMs here, and checks said "could not measure" where an
// idle run judged. Verdicts are asserted, never times: nothing here depends on CPU speed.
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scanLab, type LabScan } from '../../lab/run-scan.ts';
import { labVerdictTests } from './lab-verdicts.ts';

let scan: LabScan;
let burners: ChildProcess[] = [];
const stopBurners = () => {
  for (const b of burners) b.kill('SIGKILL');
  burners = [];
};

before(async () => {
  // Stopped even if this process ends first: they must never outlive the test.
  process.once('exit', stopBurners);
  burners = [1, 2].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  try {
    scan = await scanLab();
  } finally {
    stopBurners();
  }
});
after(async () => {
  await scan?.lab.close();
});

describe('scan of the local test sites with both cores busy', () => {
  test('the scan concludes and fails on the planted flaws (exit code 1)', () => {
    assert.equal(scan.exitCode, 1, scan.output.slice(-2000));
  });
  labVerdictTests(() => scan.summary);
});
