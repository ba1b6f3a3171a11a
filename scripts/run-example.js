#!/usr/bin/env node
'use strict';
// `npm run example:deploy-status`, `npm run example:revocation-subscriber` and `npm run example:expiry-notifier`:
// compiles the code (over dist/, so a running `npm start` is not disturbed) and
// runs one example with the environment it is given. See each example's README.
const path = require('path');
const { ensureDeps, root } = require('./lib/ensure-deps');

const EXAMPLES = {
  'deploy-status': 'dist/examples/deploy-status/src/main.js',
  'revocation-subscriber': 'dist/examples/revocation-subscriber/src/main.js',
  'expiry-notifier': 'dist/examples/expiry-notifier/src/main.js',
};

const name = process.argv[2];
if (!EXAMPLES[name]) {
  console.error(`usage: node scripts/run-example.js <${Object.keys(EXAMPLES).join('|')}>`);
  process.exit(2);
}
ensureDeps();
require('./build').build({ clean: false });
require(path.join(root, EXAMPLES[name]));
