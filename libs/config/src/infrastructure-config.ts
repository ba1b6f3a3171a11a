import { DEFAULT_KEY_EVENTS_TOPIC } from '@pxxl/contracts';
import type { EnvReader } from './env-reader';

/**
 * The write and read concern of every operation of an app's connection
 * (docs/operations.md, "MongoDB in production"): `majority` keeps what a
 * command was answered for through a primary failover; `1` / `local` are
 * faster and lose the last acknowledged writes when the primary fails.
 * FerretDB accepts both and has one copy anyway.
 */
export interface MongoConcerns {
  write: 'majority' | '1';
  read: 'majority' | 'local';
}

/** Settings every app shares: where Kafka and MongoDB are and which topic carries key events. */
export interface InfrastructureConfig {
  kafka: { brokers: string[]; clientId: string; topic: string; topicPartitions: number };
  mongo: { uri: string; concerns: MongoConcerns };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export function readInfrastructureConfig(env: EnvReader, appName: string): InfrastructureConfig {
  return {
    kafka: {
      brokers: env.list('KAFKA_BROKERS', { itemPattern: /^[^\s:,]+:\d{1,5}$/, hint: 'comma-separated host:port, e.g. 127.0.0.1:9092' }),
      clientId: env.string('KAFKA_CLIENT_ID', { default: `pxxl-keys-${appName}` }),
      topic: env.string('KAFKA_TOPIC', { default: DEFAULT_KEY_EVENTS_TOPIC, pattern: /^[A-Za-z0-9._-]{1,200}$/ }),
      topicPartitions: env.int('KAFKA_TOPIC_PARTITIONS', { default: 3, min: 1, max: 1000 }),
    },
    mongo: {
      uri: env.string('MONGODB_URI', { pattern: /^mongodb(\+srv)?:\/\//, hint: 'e.g. mongodb://127.0.0.1:27017/pxxl_keys' }),
      concerns: {
        write: env.oneOf('MONGODB_WRITE_CONCERN', ['majority', '1'] as const, 'majority'),
        read: env.oneOf('MONGODB_READ_CONCERN', ['majority', 'local'] as const, 'majority'),
      },
    },
    logLevel: env.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
  };
}

export function readHttpConfig(env: EnvReader, defaultPort: number): { host: string; port: number } {
  return {
    host: env.string('HOST', { default: '127.0.0.1' }),
    port: env.int('PORT', { default: defaultPort, min: 0, max: 65535 }),
  };
}
