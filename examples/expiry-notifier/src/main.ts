import { ConfigError, loadConfig, readKafkaConnectionConfig } from '@pxxl/config';
import { kafkaConnectionOptions } from '@pxxl/kafka';
import { notifyOwnersOfExpiry } from './expiry-notifier';

// Prints one JSON line per owner notice: `npm run example:expiry-notifier`. Replace `notify` with
// your mailer or chat. KAFKA_SSL*, KAFKA_SASL* secure the connection as they do the apps' (docs/operations.md).
let config;
try {
  config = loadConfig((env) => ({
    ...readKafkaConnectionConfig(env, { defaultBrokers: ['127.0.0.1:9092'] }),
    groupId: env.string('EXPIRY_NOTIFIER_GROUP_ID', { default: 'expiry-notifier', pattern: /^[A-Za-z0-9._-]{1,200}$/, hint: 'a Kafka consumer group id' }),
  }));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`expiry-notifier: ${error.message}\n`);
  process.exit(78);
}
const { brokers, topic, security, groupId } = config;

notifyOwnersOfExpiry({
  brokers,
  topic,
  groupId,
  kafka: kafkaConnectionOptions(security),
  notify: (notice) => void process.stdout.write(JSON.stringify(notice) + '\n'),
  onSkipped: (problem) => process.stderr.write(`skipped a message that is not a key event: ${problem}\n`),
}).then(
  (notifier) => {
    process.stderr.write(`telling owners about expiring keys from ${topic} (Ctrl-C stops)\n`);
    const stop = () => void notifier.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(`expiry-notifier: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
