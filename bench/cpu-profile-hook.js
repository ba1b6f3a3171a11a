'use strict';
// Loaded with `--require` into an app by `npm run bench -- --profile`: the first SIGWINCH
// starts V8's CPU profiler, the next one stops it and writes <PXXL_PROFILE_DIR>/<pid>-<n>.cpuprofile
// (open it in Chrome DevTools or speedscope). A signal, not --cpu-prof: Nest's shutdown hook
// re-raises SIGTERM, and a process killed by a signal never writes a --cpu-prof file. SIGWINCH because
// Nest's enableShutdownHooks() shuts down on SIGUSR2 (and Node's SIGUSR1 opens the inspector).
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const session = new inspector.Session();
session.connect();
let written = 0;
let running = false;
process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')));
    return;
  }
  session.post('Profiler.stop', (error, result) => {
    running = false;
    if (error) return;
    const file = path.join(process.env.PXXL_PROFILE_DIR || '.', `${process.pid}-${++written}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(result.profile));
    process.stdout.write(`profile written ${file}\n`);
  });
});
