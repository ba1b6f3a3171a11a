'use strict';
// Local infrastructure for dev, tests and CI: Kafka (KRaft, one node) and
// FerretDB (MongoDB wire protocol on SQLite), run as child processes.
const fs = require('fs');
const path = require('path');
const serviceProcess = require('./service-process');
const paths = require('./paths');
const { freePort, canConnect } = require('./ports');
const kafka = require('./kafka');
const ferretdb = require('./ferretdb');

const defaultLog = (msg) => console.error(msg);

async function provisionAll({ log = defaultLog } = {}) {
  await Promise.all([kafka.provisionKafka({ log }), ferretdb.provisionFerretDB({ log })]);
}

// Starts both services under dataDir/{kafka,ferretdb}. Ports not given are
// picked free. Writes dataDir/infra.json so tests can restart a service.
async function startInfra({ dataDir, ports = {}, log = defaultLog } = {}) {
  if (!dataDir) throw new Error('startInfra: dataDir is required');
  fs.mkdirSync(dataDir, { recursive: true });
  const p = {
    kafka: ports.kafka || (await freePort()),
    kafkaController: ports.kafkaController || (await freePort()),
    mongo: ports.mongo || (await freePort()),
  };
  const kafkaDir = path.join(dataDir, 'kafka');
  const mongoDir = path.join(dataDir, 'ferretdb');
  const results = await Promise.allSettled([
    kafka.startKafka({ dataDir: kafkaDir, port: p.kafka, controllerPort: p.kafkaController, log }),
    ferretdb.startFerretDB({ dataDir: mongoDir, port: p.mongo, log }),
  ]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(results.filter((r) => r.status === 'fulfilled').map((r) => r.value.stop()));
    throw failed.reason;
  }
  const [k, m] = results.map((r) => r.value);
  const info = {
    kafka: { dataDir: kafkaDir, port: p.kafka, controllerPort: p.kafkaController, brokers: k.brokers },
    mongo: { dataDir: mongoDir, port: p.mongo, uri: m.uri },
  };
  fs.writeFileSync(path.join(dataDir, 'infra.json'), JSON.stringify(info, null, 2) + '\n');
  return {
    kafka: k,
    mongo: m,
    dataDir,
    ports: p,
    env: { KAFKA_BROKERS: k.brokers, MONGODB_URI: m.uri },
    stop: () => Promise.all([k.stop(), m.stop()]).then(() => undefined),
  };
}

module.exports = {
  ...serviceProcess,
  paths,
  freePort,
  canConnect,
  ...kafka,
  ...ferretdb,
  provisionAll,
  startInfra,
};
