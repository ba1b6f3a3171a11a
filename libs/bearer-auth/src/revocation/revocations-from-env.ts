import { loadConfig, readKafkaConnectionConfig } from '@pxxl/config';
import { kafkaConnectionOptions } from '@pxxl/kafka';
import type { RevocationListenerOptions } from './revocation-listener';

/**
 * The `revocations` option from the environment, as the Pxxl apps read theirs: KAFKA_BROKERS,
 * KAFKA_TOPIC, and TLS and SASL (KAFKA_SSL*, KAFKA_SASL*, secrets also as `*_FILE`). Throws a
 * ConfigError (@pxxl/config) naming every bad variable. For `forRootAsync`'s factory, or forRoot.
 */
export function revocationsFromEnv(serviceName: string, source: Record<string, string | undefined> = process.env): RevocationListenerOptions {
  const { brokers, topic, security } = loadConfig(readKafkaConnectionConfig, source);
  return { brokers, topic, serviceName, kafka: kafkaConnectionOptions(security) };
}
