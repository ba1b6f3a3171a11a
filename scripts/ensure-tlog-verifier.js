#!/usr/bin/env node
'use strict';
// The outside verifier of the audit trail's checkpoints and proofs (test/audit/tlog-verifier, Go,
// using only golang.org/x/mod/sumdb/note, transparency-dev/formats — log, and note for witness
// cosignatures — and transparency-dev/merkle); it also plays the witness in the tests.
// Built from the Go module proxy into the git-ignored cache, once per version of its sources
// (.cache/bin/tlog-verifier-<hash>), and reused, like scripts/ensure-gitleaks.js. Called by the
// tests that need it.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const SOURCE = path.resolve(__dirname, '..', 'test', 'audit', 'tlog-verifier');
const CACHE_BIN = path.resolve(__dirname, '..', '.cache', 'bin');

function sourceHash() {
  const hash = crypto.createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(file).update(fs.readFileSync(path.join(SOURCE, file)));
  return hash.digest('hex').slice(0, 12);
}

/** Resolves to the verifier binary, building it first when the cache lacks this version. */
function ensureTlogVerifier({ log = (msg) => console.error(`[tlog-verifier] ${msg}`) } = {}) {
  const binary = path.join(CACHE_BIN, `tlog-verifier-${sourceHash()}`);
  if (fs.existsSync(binary)) return binary;
  const started = Date.now();
  log('building the Go transparency-log verifier from the Go module proxy (once per machine)');
  fs.mkdirSync(CACHE_BIN, { recursive: true });
  const partial = `${binary}.${process.pid}.tmp`;
  try {
    // GOTOOLCHAIN=local: never try to download a toolchain (only the module proxy is reachable).
    execFileSync('go', ['build', '-o', partial, '.'], {
      cwd: SOURCE,
      env: { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '-mod=readonly -buildvcs=false' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    fs.renameSync(partial, binary);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new Error(`could not build the tlog verifier with go: ${String(error.stderr || error.message).trim().slice(-500)}`);
  }
  log(`built ${binary} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return binary;
}

module.exports = { ensureTlogVerifier };

if (require.main === module) {
  try {
    console.log(ensureTlogVerifier());
  } catch (error) {
    console.error(`[tlog-verifier] ${error.message}`);
    process.exit(1);
  }
}
