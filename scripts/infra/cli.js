#!/usr/bin/env node
'use strict';
// Usage:
//   node scripts/infra/cli.js provision
//   node scripts/infra/cli.js start [--data DIR] [--kafka-port N] [--controller-port N] [--mongo-port N]
//   node scripts/infra/cli.js stop  [--data DIR]
// `start` runs in the foreground until Ctrl-C/SIGTERM. Default ports are the
// usual 9092 (Kafka), 9093 (KRaft controller) and 27017; 0 picks a free one.
// KAFKA_BROKERS=... and MONGODB_URI=... go to stdout, progress to stderr.
const path = require('path');
const infra = require('./index');

function parseArgs(argv) {
  const opts = { data: infra.paths.DEFAULT_DATA_DIR, kafkaPort: 9092, controllerPort: 9093, mongoPort: 27017 };
  const names = { '--data': 'data', '--kafka-port': 'kafkaPort', '--controller-port': 'controllerPort', '--mongo-port': 'mongoPort' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const key = names[flag];
    const value = inline !== undefined ? inline : argv[++i];
    if (!key || value === undefined) throw new Error(`unknown or incomplete option: ${argv[i]}`);
    opts[key] = key === 'data' ? path.resolve(value) : Number(value);
  }
  return opts;
}

async function start(opts) {
  await infra.provisionAll();
  const ports = {
    kafka: opts.kafkaPort || (await infra.freePort()),
    kafkaController: opts.controllerPort || (await infra.freePort()),
    mongo: opts.mongoPort || (await infra.freePort()),
  };
  const stack = await infra.startInfra({ dataDir: opts.data, ports });
  console.log(`KAFKA_BROKERS=${stack.env.KAFKA_BROKERS}`);
  console.log(`MONGODB_URI=${stack.env.MONGODB_URI}`);
  console.error(`infra: running with data in ${opts.data}; Ctrl-C to stop`);

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.error(`infra: ${signal}, stopping...`);
    await stack.stop();
    console.error('infra: stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A service dying on its own is fatal: stop the other and fail loudly.
  for (const [name, svc] of [['kafka', stack.kafka], ['ferretdb', stack.mongo]]) {
    svc.exited.then((info) => {
      if (stopping) return;
      console.error(`infra: ${name} exited unexpectedly (${JSON.stringify(info)}); see ${opts.data}/${name}`);
      stopping = true;
      stack.stop().then(() => process.exit(1));
    });
  }
}

async function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'provision') {
    const t0 = Date.now();
    await infra.provisionAll();
    console.error(`infra: provisioned in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  } else if (cmd === 'start') {
    await start(parseArgs(rest));
  } else if (cmd === 'stop') {
    await infra.stopDataDir(parseArgs(rest).data);
  } else {
    console.error('usage: node scripts/infra/cli.js provision | start [--data DIR] [--kafka-port N] [--controller-port N] [--mongo-port N] | stop [--data DIR]');
    process.exit(2);
  }
}

main().catch((err) => {
  console.error(`infra: ${err.stack || err}`);
  process.exit(1);
});
