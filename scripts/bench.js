#!/usr/bin/env node
'use strict';
// `npm run bench [-- --quick]`: installs what is missing, builds, then runs
// bench/run.ts (compiled to dist/bench/run.js), which starts its own Kafka,
// FerretDB and apps on fresh data and writes bench/results/latest.{json,md}.
const path = require('path');
const { spawnSync } = require('child_process');
const { ensureDeps, root } = require('./lib/ensure-deps');

ensureDeps();
require('./build').build({ clean: false });
const result = spawnSync(process.execPath, [path.join(root, 'dist/bench/run.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
