import { DEFAULT_KEY_EVENTS_TOPIC } from '@pxxl/contracts';
import { subscribeToRevocations } from './revocation-subscriber';

// Prints one JSON line per revoked key: `npm run example:revocation-subscriber`.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const topic = process.env.KAFKA_TOPIC ?? DEFAULT_KEY_EVENTS_TOPIC;

subscribeToRevocations({
  brokers,
  topic,
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
