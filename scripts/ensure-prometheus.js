#!/usr/bin/env node
'use strict';
// The metrics tests scrape the apps with a real Prometheus and check the
// exposition and the alert rules with promtool, both from Debian's
// `prometheus` package. When they are missing this installs the package with
// apt (root only; no recommends, so no node exporter), as ensure-chromium.js
// does Chromium. Called by the tests that need it
// (test/observability/alert-rules.spec.ts, prometheus.e2e-spec.ts).
const fs = require('fs');
const { aptInstall } = require('./lib/apt-install');

const PROMETHEUS = process.env.PXXL_PROMETHEUS || '/usr/bin/prometheus';
const PROMTOOL = process.env.PXXL_PROMTOOL || '/usr/bin/promtool';
const present = () => fs.existsSync(PROMETHEUS) && fs.existsSync(PROMTOOL);

/** Resolves to {prometheus, promtool}; throws with what to do when they cannot be installed. */
function ensurePrometheus({ log = (msg) => console.error(`[prometheus] ${msg}`) } = {}) {
  if (present()) return { prometheus: PROMETHEUS, promtool: PROMTOOL };
  if (process.env.PXXL_PROMETHEUS || process.env.PXXL_PROMTOOL) throw new Error(`PXXL_PROMETHEUS=${PROMETHEUS} or PXXL_PROMTOOL=${PROMTOOL} does not exist`);
  aptInstall('prometheus', { present, what: `${PROMETHEUS} and ${PROMTOOL}`, log });
  return { prometheus: PROMETHEUS, promtool: PROMTOOL };
}

module.exports = { ensurePrometheus, PROMETHEUS, PROMTOOL };

if (require.main === module) {
  try {
    console.log(JSON.stringify(ensurePrometheus()));
  } catch (error) {
    console.error(`[prometheus] ${error.message}`);
    process.exit(1);
  }
}
