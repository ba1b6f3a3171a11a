#!/usr/bin/env node
'use strict';
// The pxxl-keys CLI. Each admin command lives with the app that owns its data:
// `projections rebuild` with the projector, everything else with the key service.
// Builds dist/ on first use in a fresh clone.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const words = args.filter((arg) => !arg.startsWith('-'));
const owner = words[0] === 'projections' && words[1] === 'rebuild' ? 'projector' : 'key-service';
const entry = path.join(root, `dist/apps/${owner}/src/cli/main.js`);
if (!fs.existsSync(entry)) require(path.join(root, 'scripts/build.js')).build();
require(entry);
