'use strict';
// The local broker of scripts/infra/kafka.js with its client listener swapped for SASL_SSL: TLS with
// the broker certificate of certificates.js (client certificates requested, not required), and SASL
// PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512. PLAIN users live in the listener's JAAS line; SCRAM users
// are written into the metadata log when the storage is formatted (kafka-storage format --add-scram,
// KRaft's way: there is no ZooKeeper to create them in). The controller listener stays plaintext on
// 127.0.0.1. Used by the secured-connections test (test/security/secured-connections.e2e-spec.ts).
const { startKafka } = require('./kafka');

const quote = (s) => {
  if (!/^[A-Za-z0-9._-]+$/.test(s)) throw new Error('secure-kafka: user names and passwords are [A-Za-z0-9._-] here');
  return s;
};

function secureProperties({ port, controllerPort, certificates, plainUsers, broker }) {
  const plainJaas = [`username="${quote(broker.username)}"`, `password="${quote(broker.password)}"`,
    ...[broker, ...plainUsers].map((u) => `user_${quote(u.username)}="${quote(u.password)}"`)].join(' ');
  return `
# Appended by scripts/infra/secure-kafka.js: these win over the plaintext listener above.
listeners=SASL_SSL://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=SASL_SSL://127.0.0.1:${port}
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=PLAIN
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ${plainJaas};
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PEM
ssl.keystore.location=${certificates.serverKeystoreFile}
ssl.truststore.type=PEM
ssl.truststore.location=${certificates.caFile}
ssl.client.auth=requested
ssl.endpoint.identification.algorithm=https
`;
}

/**
 * Starts a broker whose only client listener is SASL_SSL on 127.0.0.1:`port`.
 * `scramUsers`: [{ mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512', username, password }];
 * `plainUsers`: [{ username, password }]. Returns startKafka's handle.
 */
async function startSecureKafka({ dataDir, port, controllerPort, certificates, scramUsers = [], plainUsers = [], log }) {
  const broker = { username: 'broker', password: require('crypto').randomBytes(12).toString('hex') };
  const formatArgs = scramUsers.flatMap((u) => ['--add-scram', `${u.mechanism}=[name=${quote(u.username)},password=${quote(u.password)}]`]);
  return startKafka({
    dataDir,
    port,
    controllerPort,
    log,
    extraProperties: secureProperties({ port, controllerPort, certificates, plainUsers, broker }),
    formatArgs,
  });
}

module.exports = { startSecureKafka };
