#!/usr/bin/env node
'use strict';
// The browser tests drive Debian's Chromium through playwright-core, which
// downloads nothing. When /usr/bin/chromium is missing this installs it with
// apt (root only), running `apt-get update` first when the plain install fails
// (a fresh machine has no package lists). Called by the jest global setup.
const fs = require('fs');
const { aptInstall } = require('./lib/apt-install');

const CHROMIUM = process.env.PXXL_CHROMIUM || '/usr/bin/chromium';

/** Resolves to the Chromium path; throws with what to do when it cannot be installed. */
function ensureChromium({ log = (msg) => console.error(`[chromium] ${msg}`) } = {}) {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  if (process.env.PXXL_CHROMIUM) throw new Error(`PXXL_CHROMIUM=${CHROMIUM} does not exist`);
  aptInstall('chromium', { present: () => fs.existsSync(CHROMIUM), what: CHROMIUM, log });
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
