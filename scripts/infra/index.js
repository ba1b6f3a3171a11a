'use strict';
// Local infrastructure for dev, tests and CI: Kafka (KRaft, one node or a
// cluster of several) and
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

// Starts FerretDB and `kafkaBrokers` Kafka nodes (default 1) under
// dataDir/{ferretdb,kafka} (dataDir/kafka-<n> for several nodes). Ports not
// given are picked free; `ports.kafka`/`ports.kafkaController` are the first
// node's. Writes dataDir/infra.json (every node's data dir and ports) so tests
// and the CLI can restart one service.
async function startInfra({ dataDir, ports = {}, kafkaBrokers = 1, log = defaultLog } = {}) {
  if (!dataDir) throw new Error('startInfra: dataDir is required');
  if (!Number.isInteger(kafkaBrokers) || kafkaBrokers < 1) throw new Error(`startInfra: kafkaBrokers must be a whole number >= 1, not ${kafkaBrokers}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const nodes = [];
  for (let i = 0; i < kafkaBrokers; i++) {
    nodes.push({
      port: (i === 0 && ports.kafka) || (await freePort()),
      controllerPort: (i === 0 && ports.kafkaController) || (await freePort()),
    });
  }
  const p = { kafka: nodes[0].port, kafkaController: nodes[0].controllerPort, mongo: ports.mongo || (await freePort()) };
  const mongoDir = path.join(dataDir, 'ferretdb');
  const results = await Promise.allSettled([
    kafka.startKafkaCluster({ dataDir, nodes, log }),
    ferretdb.startFerretDB({ dataDir: mongoDir, port: p.mongo, log }),
  ]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(results.filter((r) => r.status === 'fulfilled').map((r) => (r.value.stop ? r.value.stop() : Promise.all(r.value.nodes.map((n) => n.stop())))));
    throw failed.reason;
  }
  const [cluster, m] = results.map((r) => r.value);
  const info = {
    kafka: { dataDir: cluster.specs[0].dataDir, port: p.kafka, controllerPort: p.kafkaController, brokers: cluster.brokers, nodes: cluster.specs },
    mongo: { dataDir: mongoDir, port: p.mongo, uri: m.uri },
  };
  fs.writeFileSync(path.join(dataDir, 'infra.json'), JSON.stringify(info, null, 2) + '\n');
  return {
    kafka: cluster.nodes[0],
    kafkaNodes: cluster.nodes,
    kafkaSpecs: cluster.specs,
    mongo: m,
    dataDir,
    ports: p,
    env: { KAFKA_BROKERS: cluster.brokers, MONGODB_URI: m.uri },
    stop: () => Promise.all([...cluster.nodes.map((n) => n.stop()), m.stop()]).then(() => undefined),
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
