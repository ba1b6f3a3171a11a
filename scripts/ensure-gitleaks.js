#!/usr/bin/env node
'use strict';
// gitleaks, the secret scanner the secret-scanning test runs with the rule that
// docs/security.md ships. Built once from the Go module proxy into the
// git-ignored cache (.cache/bin/gitleaks-<version>) and reused; nothing is
// downloaded but Go modules. Called by the test that needs it, not by
// `npm start`.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const GITLEAKS_VERSION = '8.30.1';
const GITLEAKS_MODULE = 'github.com/zricethezav/gitleaks/v8';
const CACHE_BIN = path.resolve(__dirname, '..', '.cache', 'bin');
const BINARY = path.join(CACHE_BIN, `gitleaks-${GITLEAKS_VERSION}`);

/** Resolves to the gitleaks binary, building it first when the cache lacks it. */
function ensureGitleaks({ log = (msg) => console.error(`[gitleaks] ${msg}`) } = {}) {
  if (fs.existsSync(BINARY)) return BINARY;
  const started = Date.now();
  log(`building gitleaks ${GITLEAKS_VERSION} from the Go module proxy (once per machine)`);
  fs.mkdirSync(CACHE_BIN, { recursive: true });
  const gobin = fs.mkdtempSync(path.join(CACHE_BIN, '.gitleaks-build-'));
  try {
    // GOTOOLCHAIN=local: never try to download a toolchain (only the module proxy is reachable).
    execFileSync('go', ['install', `${GITLEAKS_MODULE}@v${GITLEAKS_VERSION}`], {
      env: { ...process.env, GOBIN: gobin, GOTOOLCHAIN: 'local', CGO_ENABLED: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    fs.renameSync(path.join(gobin, 'gitleaks'), BINARY);
  } catch (error) {
    throw new Error(`could not build gitleaks ${GITLEAKS_VERSION} with go: ${String(error.stderr || error.message).trim().slice(-500)}`);
  } finally {
    fs.rmSync(gobin, { recursive: true, force: true });
  }
  log(`built ${BINARY} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return BINARY;
}

module.exports = { ensureGitleaks, GITLEAKS_VERSION };

if (require.main === module) {
  try {
    console.log(ensureGitleaks());
  } catch (error) {
    console.error(`[gitleaks] ${error.message}`);
    process.exit(1);
  }
}
