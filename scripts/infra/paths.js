'use strict';
// Where provisioned artifacts and local service data live. Both are
// git-ignored; the cache survives `git clean`-free rebuilds so a warm
// provision takes seconds.
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = path.join(REPO_ROOT, '.cache');
const BIN_DIR = path.join(CACHE_DIR, 'bin');
const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data');

const kafkaHome = (version) => path.join(CACHE_DIR, `kafka-${version}`);
const kafkaLibs = (version) => path.join(kafkaHome(version), 'libs');

module.exports = { REPO_ROOT, CACHE_DIR, BIN_DIR, DEFAULT_DATA_DIR, kafkaHome, kafkaLibs };
