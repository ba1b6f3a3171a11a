#!/usr/bin/env node
'use strict';
// Jaeger, the trace backend the tracing e2e test (test/observability/traces.e2e-spec.ts)
// sends spans to and queries. Built once from the Go module proxy
// (github.com/jaegertracing/jaeger ./cmd/jaeger, the all-in-one binary: OTLP
// receiver, in-memory storage, query API) into the git-ignored cache
// (.cache/bin/jaeger-<version>) and reused, as ensure-gitleaks.js does
// gitleaks. Its Go module and build caches live in .cache/go too, so a fresh
// machine downloads nothing but Go modules and a warm one rebuilds nothing.
// Called by the test that needs it, not by `npm start`.
//
// The build is the slow part of a fresh machine's first `npm test` (docs/operations.md,
// Tracing), so it runs beside the rest: scripts/test.js (or the e2e project's
// globalSetup, under a bare `jest`) starts it in the background with
// startJaegerBuild() before anything else, at a lower CPU priority than the tests,
// and only the tracing e2e test waits for it (ensureJaeger), run last by
// test/infra/sequencer.js. A lock file beside the binary names the building
// process, so one build serves every caller, across checkouts sharing .cache.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile, spawn } = require('child_process');
const { isAlive } = require('./infra/service-process');

const JAEGER_VERSION = '1.76.0';
const JAEGER_MODULE = 'github.com/jaegertracing/jaeger';
const CACHE_DIR = path.resolve(__dirname, '..', '.cache');
const CACHE_BIN = path.join(CACHE_DIR, 'bin');
const GO_DIR = path.join(CACHE_DIR, 'go');
const BINARY = path.join(CACHE_BIN, `jaeger-${JAEGER_VERSION}`);
/** Holds the pid of the process building BINARY; the build's output goes to BUILD_LOG. */
const LOCK = `${BINARY}.building`;
const BUILD_LOG = `${BINARY}.build.log`;
/** Below the tests (nice 10): on two cores the build takes what they leave. */
const BACKGROUND_NICENESS = 10;

function goEnv(gobin) {
  return {
    ...process.env,
    GOBIN: gobin,
    GOPATH: path.join(GO_DIR, 'path'),
    GOCACHE: path.join(GO_DIR, 'build'),
    GOMODCACHE: path.join(GO_DIR, 'path', 'pkg', 'mod'),
    // local toolchain only (only the module proxy is reachable); no VCS stamping.
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-buildvcs=false -trimpath -modcacherw',
    CGO_ENABLED: '0',
  };
}

function go(args, cwd, gobin) {
  return new Promise((resolve, reject) => {
    execFile('go', args, { cwd, env: goEnv(gobin), maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`could not build jaeger ${JAEGER_VERSION}: go ${args.join(' ')}: ${String(stderr || error.message).trim().slice(-800)}`));
      else resolve(stdout);
    });
  });
}

/**
 * Not `go install pkg@version`: jaeger's go.mod has a replace directive
 * (sarama), which `go install` refuses. So the module's source comes through
 * the proxy and ./cmd/jaeger is built inside it as the main module.
 */
async function buildInto(gobin) {
  const info = JSON.parse(await go(['mod', 'download', '-json', `${JAEGER_MODULE}@v${JAEGER_VERSION}`], CACHE_DIR, gobin));
  if (!info.Dir) throw new Error(`go mod download gave no source directory for ${JAEGER_MODULE}: ${JSON.stringify(info)}`);
  await go(['build', '-ldflags=-s -w', '-o', path.join(gobin, 'jaeger'), './cmd/jaeger'], info.Dir, gobin);
  fs.renameSync(path.join(gobin, 'jaeger'), BINARY);
}

/**
 * The holder's pid and, on Linux, its start time (so a pid recycled after a
 * killed run does not pass for a build in progress): what the lock holds.
 */
function identity(pid) {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the parenthesised command name.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return `${pid} ${stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[19]}`;
  } catch {
    return isAlive(pid) ? String(pid) : '';
  }
}

/** The pid of the live process building jaeger, if any. */
function builder() {
  let held = '';
  try {
    held = fs.readFileSync(LOCK, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(held.split(' ')[0]);
  return pid && identity(pid) === held ? pid : undefined;
}

/** Takes the lock for `pid` (true), unless a live process holds it already (false); a dead holder's lock is taken over. */
function lock(pid) {
  fs.mkdirSync(CACHE_BIN, { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(LOCK, identity(pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = builder();
    if (holder === pid) return true;
    if (holder) return false;
    fs.rmSync(LOCK, { force: true });
  }
}

function unlock(pid) {
  try {
    if (Number(fs.readFileSync(LOCK, 'utf8').split(' ')[0]) === pid) fs.rmSync(LOCK, { force: true });
  } catch {
    // already gone
  }
}

async function build(log) {
  const started = Date.now();
  log(`building jaeger ${JAEGER_VERSION} from the Go module proxy (once per machine)`);
  const gobin = fs.mkdtempSync(path.join(CACHE_BIN, '.jaeger-build-'));
  try {
    await buildInto(gobin);
  } finally {
    fs.rmSync(gobin, { recursive: true, force: true });
  }
  log(`built ${BINARY} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Resolves to the jaeger binary. When the cache lacks it: waits for the build
 * in progress (startJaegerBuild's, or another checkout's), or builds it here
 * when there is none (minutes: see docs/operations.md). A build that died
 * without a binary is taken over; Go's caches keep what it had done.
 */
async function ensureJaeger({ log = (msg) => console.error(`[jaeger] ${msg}`), pollMs = 2000 } = {}) {
  let waited;
  while (!fs.existsSync(BINARY)) {
    if (lock(process.pid)) {
      try {
        if (!fs.existsSync(BINARY)) await build(log);
      } finally {
        unlock(process.pid);
      }
      break;
    }
    if (!waited) {
      waited = Date.now();
      log(`waiting for the build in progress (pid ${builder()}, log ${BUILD_LOG})`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  if (waited) log(`the build in progress finished; waited ${Math.round((Date.now() - waited) / 1000)} s`);
  return BINARY;
}

/**
 * Resolves once no jaeger build is running (at once when none is). For the tests whose figures a
 * compiler on the same cores would distort, such as the cluster fault test's one-second promise:
 * they wait for the background build instead of sharing the CPU with it. Never builds.
 */
async function untilNoJaegerBuild({ log = (msg) => console.error(`[jaeger] ${msg}`), pollMs = 2000 } = {}) {
  const started = Date.now();
  if (fs.existsSync(BINARY) || !builder()) return 0;
  log(`waiting for the background build (pid ${builder()}) before a test that needs the whole CPU`);
  while (!fs.existsSync(BINARY) && builder()) await new Promise((resolve) => setTimeout(resolve, pollMs));
  const waited = Math.round((Date.now() - started) / 1000);
  log(`the background build is over; waited ${waited} s`);
  return waited;
}

/**
 * Starts building jaeger in a background process (its own process group, at a
 * lower priority, output in BUILD_LOG) unless the binary is cached or a build
 * is running already. Returns the child to hand to stopJaegerBuild, or undefined.
 */
function startJaegerBuild({ log = (msg) => console.error(`[jaeger] ${msg}`) } = {}) {
  if (fs.existsSync(BINARY) || builder()) return undefined;
  fs.mkdirSync(CACHE_BIN, { recursive: true });
  const out = fs.openSync(BUILD_LOG, 'w');
  const child = spawn(process.execPath, [__filename], { detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  try {
    os.setPriority(child.pid, BACKGROUND_NICENESS);
  } catch {
    // the build just runs at the tests' priority
  }
  // Taken for the child at once, so a test asking meanwhile waits for it rather than building too.
  if (!lock(child.pid)) {
    child.kill();
    return undefined;
  }
  child.unref();
  log(`building jaeger ${JAEGER_VERSION} in the background (pid ${child.pid}, log ${BUILD_LOG}); only the tracing test waits for it`);
  return child;
}

/** Stops a background build the run did not need after all (Go's caches keep its progress for the next run). */
function stopJaegerBuild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already over
  }
  unlock(child.pid);
}

module.exports = { ensureJaeger, untilNoJaegerBuild, startJaegerBuild, stopJaegerBuild, JAEGER_VERSION };

if (require.main === module) {
  ensureJaeger().then((binary) => console.log(binary), (error) => {
    console.error(`[jaeger] ${error.message}`);
    process.exit(1);
  });
}
