#!/usr/bin/env node
'use strict';
// `npm test`: installs what is missing, type-checks, then runs every jest
// project (unit, integration, e2e) against a real Kafka and FerretDB that
// jest's globalSetup starts on free ports and its teardown stops.
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
const path = require('path');
const { spawn } = require('child_process');
const { ensureDeps, root } = require('./lib/ensure-deps');
const { startJaegerBuild, stopJaegerBuild } = require('./ensure-jaeger');

const runStarted = Date.now();
let jaegerBuild;

function run(what, command, args) {
  const started = Date.now();
  console.error(`[test] ${what}…`);
  // Not spawnSync: the background Jaeger build's exit is reported while a step runs.
  return new Promise((resolve) => {
    spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env }).on('exit', (status) => {
      console.error(`[test] ${what}: ${status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      if (status === 0) return resolve();
      stopJaegerBuild(jaegerBuild);
      process.exit(status ?? 1);
    });
  });
}

// `npm run test:faults`: the fault, load and hostile-input suites in their long form.
let jestArgs = process.argv.slice(2);
if (jestArgs[0] === '--faults') {
  process.env.PXXL_FAULTS = 'long';
  jestArgs = ['--selectProjects', 'e2e', '--testPathPatterns', 'test/faults', ...jestArgs.slice(1)];
}

/** true unless the arguments select projects and e2e (where the tracing test is) is not one of them. */
function runsE2e(args) {
  const at = args.indexOf('--selectProjects');
  if (at < 0) return true;
  const rest = args.slice(at + 1);
  const end = rest.findIndex((arg) => arg.startsWith('-'));
  return rest.slice(0, end < 0 ? undefined : end).includes('e2e');
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    stopJaegerBuild(jaegerBuild);
    process.exit(code);
  });
}

async function main() {
  // First of all: the tracing e2e test's Jaeger, built from the Go module proxy when .cache lacks it (the slow part
  // of a fresh machine's first run), in the background while everything else runs; only that test waits for it.
  if (runsE2e(jestArgs)) {
    jaegerBuild = startJaegerBuild();
    jaegerBuild?.on('exit', (status, signal) => {
      const outcome = status === 0 ? 'ok' : signal ? `stopped (${signal})` : `FAILED (exit ${status}; the tracing test builds it again and says why)`;
      console.error(`[test] background Jaeger build: ${outcome}, ${((Date.now() - runStarted) / 1000).toFixed(1)} s into the run`);
    });
  }
  ensureDeps();
  await run('provisioning Kafka and FerretDB', process.execPath, [path.join(root, 'scripts/infra/cli.js'), 'provision']);
  await run('type-checking', process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', 'tsconfig.json', '--noEmit']);
  // --forceExit: a client an app left connected (seen once: a Kafka socket retrying after the broker stopped) must not
  // keep a finished run from exiting; the teardown has already stopped the servers it would reach.
  await run('running tests', process.execPath, [require.resolve('jest/bin/jest', { paths: [root] }), '--ci', '--forceExit', ...jestArgs]);
  // A run that did not need Jaeger after all (a filtered one) leaves no build behind; Go's caches keep its progress.
  stopJaegerBuild(jaegerBuild);
  console.error(`[test] whole run: ${((Date.now() - runStarted) / 1000).toFixed(1)} s`);
}

void main();
