'use strict';
// Jest globalSetup: starts Kafka + FerretDB on free ports in a fresh temp dir,
// unless KAFKA_BROKERS and MONGODB_URI already point at running services.
// Fault tests find the services under PXXL_TEST_INFRA_DIR (infra.json there
// has data dirs and ports; restart them with startKafka/startFerretDB).
// PXXL_TEST_KAFKA_BROKERS=3 makes the shared Kafka a cluster of three nodes
// (default one); a fault suite that breaks brokers starts a cluster of its
// own instead (test/support/own-infra.ts).
const fs = require('fs');
const os = require('os');
const path = require('path');
const infra = require('../../scripts/infra');

const PREFIX = 'pxxl-test-';

// Earlier runs that were SIGKILLed: their watchdogs normally stop the
// services, this also catches the cases where a watchdog could not.
async function cleanStaleRuns() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    let owner = 0;
    try {
      owner = Number(fs.readFileSync(path.join(dir, 'owner-pid.txt'), 'utf8'));
    } catch {
      if (Date.now() - fs.statSync(dir).mtimeMs < 10 * 60 * 1000) continue; // being set up right now
    }
    if (owner && infra.isAlive(owner)) continue; // another jest run in progress
    await infra.stopDataDir(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = function globalSetup(_globalConfig, projectConfig) {
  // The tracing e2e test's Jaeger, built from the Go module proxy once per machine (the slow part of a fresh
  // machine's first run: docs/operations.md, Tracing): started in the background unless scripts/test.js did so
  // already or it is cached; only that test waits for it (the sequencer runs it last), the rest start now. First,
  // so that it runs beside everything below too.
  const displayName = projectConfig && projectConfig.displayName;
  if ((displayName && (displayName.name || displayName)) === 'e2e') globalThis.__PXXL_JAEGER_BUILD__ ??= require('../../scripts/ensure-jaeger').startJaegerBuild() ?? null;
  // Tests that run apps or the CLI as processes use dist/: built once here, before any worker
  // starts, so no test rebuilds it under another's running processes.
  globalThis.__PXXL_BUILT__ ??= (require('../../scripts/build').build(), true);
  // The dashboard's browser tests drive Debian's Chromium: installed with apt when missing (once per machine).
  globalThis.__PXXL_CHROMIUM__ ??= require('../../scripts/ensure-chromium').ensureChromium();
  // The metrics tests scrape the apps with Debian's Prometheus and check with its promtool: the same.
  globalThis.__PXXL_PROMETHEUS__ ??= require('../../scripts/ensure-prometheus').ensurePrometheus();
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) return undefined;
  // Several projects may name this file; start one stack per jest process.
  globalThis.__PXXL_INFRA_SETUP__ ??= setUp();
  return globalThis.__PXXL_INFRA_SETUP__;
};

async function setUp() {
  await cleanStaleRuns();
  const log = (msg) => console.error(`[infra] ${msg}`);
  await infra.provisionAll({ log });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  fs.writeFileSync(path.join(dataDir, 'owner-pid.txt'), `${process.pid}\n`);
  // Services restarted from a test worker must live as long as jest itself.
  process.env.PXXL_INFRA_OWNER_PID = String(process.pid);
  let stack;
  try {
    stack = await infra.startInfra({ dataDir, log, kafkaBrokers: Number(process.env.PXXL_TEST_KAFKA_BROKERS || 1) });
  } catch (err) {
    await infra.stopDataDir(dataDir);
    if (!process.env.PXXL_KEEP_TEST_INFRA) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  process.env.KAFKA_BROKERS = stack.env.KAFKA_BROKERS;
  process.env.MONGODB_URI = stack.env.MONGODB_URI;
  process.env.PXXL_TEST_INFRA_DIR = dataDir;
  globalThis.__PXXL_INFRA__ = stack;
}
