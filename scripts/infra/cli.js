#!/usr/bin/env node
'use strict';
// Usage:
//   node scripts/infra/cli.js provision
//   node scripts/infra/cli.js start [--data DIR] [--kafka-brokers N] [--kafka-port N] [--controller-port N] [--mongo-port N]
//   node scripts/infra/cli.js stop  [--data DIR]
// `start` runs in the foreground until Ctrl-C/SIGTERM. Default ports are the
// usual 9092 (Kafka), 9093 (KRaft controller) and 27017; 0 picks a free one.
// --kafka-brokers N (default 1) runs N KRaft nodes, each broker and
// controller with ports and a data folder of its own (DIR/kafka-<n>); the
// ports given are the first node's, the others get free ones. From 3 nodes
// on, topics and Kafka's internal topics keep 3 copies, min.insync.replicas=2.
// `stop --data DIR` stops every node and FerretDB started on DIR.
// KAFKA_BROKERS=... and MONGODB_URI=... go to stdout, progress to stderr.
const path = require('path');
const infra = require('./index');

function parseArgs(argv) {
  const opts = { data: infra.paths.DEFAULT_DATA_DIR, kafkaBrokers: 1, kafkaPort: 9092, controllerPort: 9093, mongoPort: 27017 };
  const names = { '--data': 'data', '--kafka-brokers': 'kafkaBrokers', '--kafka-port': 'kafkaPort', '--controller-port': 'controllerPort', '--mongo-port': 'mongoPort' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const key = names[flag];
    const value = inline !== undefined ? inline : argv[++i];
    if (!key || value === undefined) throw new Error(`unknown or incomplete option: ${argv[i]}`);
    opts[key] = key === 'data' ? path.resolve(value) : Number(value);
  }
  if (!Number.isInteger(opts.kafkaBrokers) || opts.kafkaBrokers < 1) throw new Error(`--kafka-brokers must be a whole number >= 1`);
  return opts;
}

async function start(opts) {
  await infra.provisionAll();
  const ports = {
    kafka: opts.kafkaPort || (await infra.freePort()),
    kafkaController: opts.controllerPort || (await infra.freePort()),
    mongo: opts.mongoPort || (await infra.freePort()),
  };
  const stack = await infra.startInfra({ dataDir: opts.data, ports, kafkaBrokers: opts.kafkaBrokers });
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
  const services = [...stack.kafkaNodes.map((node) => [node.dataDir, node]), [`${opts.data}/ferretdb`, stack.mongo]];
  for (const [dir, svc] of services) {
    svc.exited.then((info) => {
      if (stopping) return;
      console.error(`infra: the service in ${dir} exited unexpectedly (${JSON.stringify(info)}); see its logs there`);
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
    console.error('usage: node scripts/infra/cli.js provision | start [--data DIR] [--kafka-brokers N] [--kafka-port N] [--controller-port N] [--mongo-port N] | stop [--data DIR]');
    process.exit(2);
  }
}

main().catch((err) => {
  console.error(`infra: ${err.stack || err}`);
  process.exit(1);
});
