#!/usr/bin/env node
'use strict';
// The pxxl-keys CLI. Builds dist/ on first use in a fresh clone.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist/apps/key-service/src/cli/main.js');
if (!fs.existsSync(entry)) require(path.join(root, 'scripts/build.js')).build();
require(entry);
