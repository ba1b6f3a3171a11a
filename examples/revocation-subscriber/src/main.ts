import { ConfigError, loadConfig, readKafkaConnectionConfig } from '@pxxl/config';
import { kafkaConnectionOptions } from '@pxxl/kafka';
import { subscribeToRevocations } from './revocation-subscriber';

// Prints one JSON line per revoked key: `npm run example:revocation-subscriber`.
// KAFKA_SSL*, KAFKA_SASL* secure the connection as they do the apps' (docs/operations.md).
let config;
try {
  config = loadConfig((env) => readKafkaConnectionConfig(env, { defaultBrokers: ['127.0.0.1:9092'] }));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`revocation-subscriber: ${error.message}\n`);
  process.exit(78);
}
const { brokers, topic, security } = config;

subscribeToRevocations({
  brokers,
  topic,
  kafka: kafkaConnectionOptions(security),
  onRevoked: (revocation) => process.stdout.write(JSON.stringify(revocation) + '\n'),
  onSkipped: (problem) => process.stderr.write(`skipped a message that is not a key event: ${problem}\n`),
}).then(
  (subscription) => {
    process.stderr.write(`following revocations on ${topic} (Ctrl-C stops)\n`);
    const stop = () => void subscription.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(`revocation-subscriber: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
