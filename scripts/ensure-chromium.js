#!/usr/bin/env node
'use strict';
// The browser tests drive Debian's Chromium through playwright-core, which
// downloads nothing. When /usr/bin/chromium is missing this installs it with
// apt (root only), running `apt-get update` first when the plain install fails
// (a fresh machine has no package lists). Called by the jest global setup.
const fs = require('fs');
const { spawnSync } = require('child_process');

const CHROMIUM = process.env.PXXL_CHROMIUM || '/usr/bin/chromium';

function apt(args, log) {
  log(`apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
  });
  if (result.error) return { ok: false, detail: result.error.message };
  return { ok: result.status === 0, detail: (result.stderr || '').trim().split('\n').slice(-3).join(' | ') };
}

/** Resolves to the Chromium path; throws with what to do when it cannot be installed. */
function ensureChromium({ log = (msg) => console.error(`[chromium] ${msg}`) } = {}) {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  if (process.env.PXXL_CHROMIUM) throw new Error(`PXXL_CHROMIUM=${CHROMIUM} does not exist`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`${CHROMIUM} is missing and installing it needs root: run "sudo apt-get install -y chromium" once`);
  }
  log(`${CHROMIUM} is missing: installing Debian's chromium for the browser tests (once per machine)`);
  const install = ['install', '-y', '--no-install-recommends', 'chromium'];
  let result = apt(install, log);
  if (!result.ok) {
    log(`install failed (${result.detail}); refreshing the package lists and trying again`);
    const update = apt(['update'], log);
    if (!update.ok) log(`apt-get update failed too (${update.detail})`);
    result = apt(install, log);
  }
  if (!result.ok || !fs.existsSync(CHROMIUM)) {
    throw new Error(`could not install chromium with apt-get (${result.detail}); install it by hand: apt-get install -y chromium`);
  }
  log(`installed ${CHROMIUM}`);
  return CHROMIUM;
}

module.exports = { ensureChromium, CHROMIUM };

if (require.main === module) {
  try {
    console.log(ensureChromium());
  } catch (error) {
    console.error(`[chromium] ${error.message}`);
    process.exit(1);
  }
}
