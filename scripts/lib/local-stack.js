'use strict';
// The local Kafka and FerretDB a running `npm start` provides, recorded in its data folder so that
// admin commands (`npx pxxl-keys bootstrap …`) find them with nothing exported. The CLI reads the
// file in libs/config/src/local-stack.ts; the pid tells it whether the stack still runs.
const fs = require('fs');
const path = require('path');

const LOCAL_STACK_FILE = 'local-stack.json';

function recordLocalStack(dataDir, { KAFKA_BROKERS, MONGODB_URI }, pid = process.pid) {
  const file = path.join(dataDir, LOCAL_STACK_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ KAFKA_BROKERS, MONGODB_URI, pid }, null, 2) + '\n');
  return file;
}

function forgetLocalStack(dataDir) {
  fs.rmSync(path.join(dataDir, LOCAL_STACK_FILE), { force: true });
}

module.exports = { LOCAL_STACK_FILE, recordLocalStack, forgetLocalStack };
