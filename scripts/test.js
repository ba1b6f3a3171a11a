#!/usr/bin/env node
'use strict';
// `npm test`: installs what is missing, type-checks, then runs every jest
// project (unit, integration, e2e) against a real Kafka and FerretDB that
// jest's globalSetup starts on free ports and its teardown stops.
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
const path = require('path');
const { spawnSync } = require('child_process');
const { ensureDeps, root } = require('./lib/ensure-deps');

function run(what, command, args) {
  const started = Date.now();
  console.error(`[test] ${what}…`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  console.error(`[test] ${what}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// `npm run test:faults`: the fault, load and hostile-input suites in their long form.
let jestArgs = process.argv.slice(2);
if (jestArgs[0] === '--faults') {
  process.env.PXXL_FAULTS = 'long';
  jestArgs = ['--selectProjects', 'e2e', '--testPathPatterns', 'test/faults', ...jestArgs.slice(1)];
}

ensureDeps();
run('provisioning Kafka and FerretDB', process.execPath, [path.join(root, 'scripts/infra/cli.js'), 'provision']);
run('type-checking', process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', 'tsconfig.json', '--noEmit']);
// --forceExit: a client an app left connected (seen once: a Kafka socket retrying after the broker stopped) must not
// keep a finished run from exiting; the teardown has already stopped the servers it would reach.
run('running tests', process.execPath, [require.resolve('jest/bin/jest', { paths: [root] }), '--ci', '--forceExit', ...jestArgs]);
