// Benchmark preload (NODE_OPTIONS="--require scripts/worker-start-cpu.cjs", with
// WORKER_CPU_FILE set): in each Playwright test worker, records the process's CPU time (user +
// system, every thread) spent before its first test begins (Node and Playwright's bootstrap,
// playwright.config.ts, the spec and what they import, the run's config from the collection
// process) and at exit, one JSON line per worker. Playwright replaces a worker after every
// failing test, so this is what a failing check costs (scripts/bench-scale.ts prints it).
// CommonJS because --require loads it before any loader; it touches nothing but its file.
const fs = require('node:fs');

if ((process.argv[1] || '').includes('workerProcessEntry') && process.env.WORKER_CPU_FILE) {
  const cpuMs = () => {
    const u = process.cpuUsage();
    return Math.round((u.user + u.system) / 1000);
  };
  let startMs;
  let tests = 0;
  // The worker tells the runner each test's begin through process.send (Playwright's IPC).
  const send = process.send.bind(process);
  process.send = (message, ...rest) => {
    if (message?.method === '__dispatch__' && message.params?.method === 'testBegin') {
      startMs ??= cpuMs();
      tests++;
    }
    return send(message, ...rest);
  };
  process.on('exit', () => {
    const line = { startMs: startMs ?? cpuMs(), totalMs: cpuMs(), tests };
    fs.appendFileSync(process.env.WORKER_CPU_FILE, `${JSON.stringify(line)}\n`);
  });
}
