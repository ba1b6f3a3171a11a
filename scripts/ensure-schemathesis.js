#!/usr/bin/env node
'use strict';
// schemathesis, the outside fuzzer the contract test runs against each app's
// /docs-json. Installed once from PyPI, at a pinned version, into a virtualenv
// in the git-ignored cache (.cache/venv/schemathesis-<version>) and reused;
// nothing is downloaded but PyPI packages. Called by the test that needs it.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const SCHEMATHESIS_VERSION = '4.32.5';
const CACHE = path.resolve(__dirname, '..', '.cache');
const venvDir = () => path.join(fs.realpathSync(CACHE), 'venv', `schemathesis-${SCHEMATHESIS_VERSION}`);
/** Written last: a venv without it is a half-made one (an install that was cut off) and is made again. */
const READY = '.pxxl-installed';

/**
 * Resolves to the command that runs schemathesis (`[python, '-m', 'schemathesis.cli']`), creating
 * its virtualenv first when the cache lacks it. The venv's python is called rather than its
 * `bin/schemathesis`, whose shebang names the path the venv was made at.
 */
function ensureSchemathesis({ log = (msg) => console.error(`[schemathesis] ${msg}`) } = {}) {
  fs.mkdirSync(CACHE, { recursive: true });
  const venv = venvDir();
  const command = [path.join(venv, 'bin', 'python'), '-m', 'schemathesis.cli'];
  if (fs.existsSync(path.join(venv, READY))) return command;
  const started = Date.now();
  log(`installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${venv} (once per machine)`);
  fs.rmSync(venv, { recursive: true, force: true });
  try {
    execFileSync(process.env.PYTHON || 'python3', ['-m', 'venv', venv], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync(command[0], ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    fs.writeFileSync(path.join(venv, READY), `schemathesis==${SCHEMATHESIS_VERSION}\n`);
  } catch (error) {
    throw new Error(`could not install schemathesis ${SCHEMATHESIS_VERSION} with python3 -m venv and pip: ${String(error.stderr || error.message).trim().slice(-500)}`);
  }
  log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return command;
}

module.exports = { ensureSchemathesis, SCHEMATHESIS_VERSION };

if (require.main === module) {
  try {
    console.log(ensureSchemathesis().join(' '));
  } catch (error) {
    console.error(`[schemathesis] ${error.message}`);
    process.exit(1);
  }
}
