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
const fs = require('fs');
const path = require('path');
const { execFile } = require('child_process');

const JAEGER_VERSION = '1.76.0';
const JAEGER_MODULE = 'github.com/jaegertracing/jaeger';
const CACHE_DIR = path.resolve(__dirname, '..', '.cache');
const CACHE_BIN = path.join(CACHE_DIR, 'bin');
const GO_DIR = path.join(CACHE_DIR, 'go');
const BINARY = path.join(CACHE_BIN, `jaeger-${JAEGER_VERSION}`);

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

/** Resolves to the jaeger binary, building it first when the cache lacks it (minutes: see docs/operations.md). */
async function ensureJaeger({ log = (msg) => console.error(`[jaeger] ${msg}`) } = {}) {
  if (fs.existsSync(BINARY)) return BINARY;
  const started = Date.now();
  log(`building jaeger ${JAEGER_VERSION} from the Go module proxy (once per machine)`);
  fs.mkdirSync(CACHE_BIN, { recursive: true });
  const gobin = fs.mkdtempSync(path.join(CACHE_BIN, '.jaeger-build-'));
  await buildInto(gobin).finally(() => fs.rmSync(gobin, { recursive: true, force: true }));
  log(`built ${BINARY} in ${Math.round((Date.now() - started) / 1000)} s`);
  return BINARY;
}

module.exports = { ensureJaeger, JAEGER_VERSION };

if (require.main === module) {
  ensureJaeger().then((binary) => console.log(binary), (error) => {
    console.error(`[jaeger] ${error.message}`);
    process.exit(1);
  });
}
